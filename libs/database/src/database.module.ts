import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Module } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import { mikroOrmOptions } from './mikro-orm.config';

/**
 * MikroORM for an app. HTTP requests get a fresh EntityManager context from
 * the module's middleware; queue jobs must make their own
 * (`@CreateRequestContext()` or `em.fork()`).
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: { poolMax?: number } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          inject: [BaseConfig],
          useFactory: (config: BaseConfig) => ({
            ...mikroOrmOptions({ url: config.DATABASE_URL, poolMax: options.poolMax }),
            registerRequestContext: true,
          }),
        }),
      ],
      exports: [MikroOrmModule],
    };
  }
}
