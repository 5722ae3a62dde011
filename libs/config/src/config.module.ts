import { DynamicModule, Module, Provider } from '@nestjs/common';
import { BaseConfig } from './base.config';
import { loadConfig } from './load-config';

/**
 * Provides the app's validated config under its own class and under BaseConfig
 * (and the other classes it extends that are named), so shared libraries can
 * inject those without knowing which app they run in. Loaded when the app is created (not when this file is imported), so a bad
 * variable surfaces as a start-up error the app can report.
 */
@Module({})
export class NewsroomConfigModule {
  static forRoot<T extends BaseConfig>(cls: new () => T, options: { alsoAs?: (abstract new () => BaseConfig)[] } = {}): DynamicModule {
    const providers: Provider[] = [{ provide: cls, useFactory: () => loadConfig(cls) }];
    // the classes it extends that shared libraries inject (BaseConfig always; HttpServerConfig for the HTTP apps)
    const aliases = [BaseConfig, ...(options.alsoAs ?? [])].filter((alias) => alias !== (cls as unknown));
    for (const alias of aliases) providers.push({ provide: alias, useExisting: cls });
    return { module: NewsroomConfigModule, global: true, providers, exports: [cls, ...aliases] };
  }
}
