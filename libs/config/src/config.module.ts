import { DynamicModule, Module } from '@nestjs/common';
import { BaseConfig } from './base.config';
import { loadConfig } from './load-config';

/**
 * Provides the app's validated config under its own class and under BaseConfig,
 * so shared libraries can inject BaseConfig without knowing which app they run in.
 */
@Module({})
export class NewsroomConfigModule {
  static forRoot<T extends BaseConfig>(cls: new () => T, config: T = loadConfig(cls)): DynamicModule {
    const providers = [{ provide: cls, useValue: config }, ...(cls === (BaseConfig as unknown) ? [] : [{ provide: BaseConfig, useValue: config }])];
    return { module: NewsroomConfigModule, global: true, providers, exports: providers.map((p) => p.provide) };
  }
}
