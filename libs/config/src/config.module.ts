import { DynamicModule, Module, Provider } from '@nestjs/common';
import { BaseConfig } from './base.config';
import { loadConfig } from './load-config';

/**
 * Provides the app's validated config under its own class and under BaseConfig,
 * so shared libraries can inject BaseConfig without knowing which app they run
 * in. Loaded when the app is created (not when this file is imported), so a bad
 * variable surfaces as a start-up error the app can report.
 */
@Module({})
export class NewsroomConfigModule {
  static forRoot<T extends BaseConfig>(cls: new () => T): DynamicModule {
    const providers: Provider[] = [{ provide: cls, useFactory: () => loadConfig(cls) }];
    if (cls !== (BaseConfig as unknown)) providers.push({ provide: BaseConfig, useExisting: cls });
    return { module: NewsroomConfigModule, global: true, providers, exports: [cls, BaseConfig].filter((c, i, all) => all.indexOf(c) === i) };
  }
}
