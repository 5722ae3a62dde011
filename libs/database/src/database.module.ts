import { MikroOrmModule } from '@mikro-orm/nestjs';
import type { MaybePromise } from '@mikro-orm/core';
import type { DynamicModule } from '@nestjs/common';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { BaseConfig } from '@newsroom/config';
import { mikroOrmOptions } from './mikro-orm.config';

/**
 * MikroORM for an app (global). HTTP requests get a fresh EntityManager context
 * from the module's middleware; queue jobs must make their own
 * (`@CreateRequestContext()` or `em.fork()`).
 */
export class DatabaseModule {
  /** `readReplicas`: the replicas in DATABASE_REPLICA_URLS for explicit 'read' connections (the site only). */
  static forRoot(options: { poolMax?: number; readReplicas?: boolean } = {}): MaybePromise<DynamicModule> {
    return MikroOrmModule.forRootAsync({
      inject: [BaseConfig],
      // names the driver so that @mikro-orm/postgresql's EntityManager is injectable
      driver: PostgreSqlDriver,
      useFactory: (config: BaseConfig) => ({
        ...mikroOrmOptions({ url: config.DATABASE_URL, poolMax: options.poolMax, replicaUrls: options.readReplicas ? config.replicaUrls : [] }),
        registerRequestContext: true,
      }),
    });
  }
}
