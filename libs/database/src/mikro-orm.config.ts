import { Logger } from '@nestjs/common';
import { defineConfig, Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { join } from 'node:path';
import { ENTITIES } from './entities';

export interface DatabaseOptions {
  url: string;
  /** connections per process; replicas multiply it, so keep it modest */
  poolMax?: number;
  debug?: boolean;
  /**
   * Streaming replicas, reached only by asking for a 'read' connection
   * (`em.getConnection('read')`): never by default, so a process that reads
   * its own writes cannot be sent to a replica that has not replayed them.
   */
  replicaUrls?: string[];
}

/**
 * The one MikroORM configuration, used by every app, the migration runner and
 * the CLI. Migrations sit beside this file as .ts (source) and .js (built).
 */
export function mikroOrmOptions({ url, poolMax = 10, debug = false, replicaUrls = [] }: DatabaseOptions): Options {
  return defineConfig({
    clientUrl: url,
    entities: ENTITIES,
    extensions: [Migrator],
    forceUtcTimezone: true,
    // MikroORM guesses TypeScript from its environment (e.g. a Jest parent process);
    // what decides is whether this file itself runs as source or as built JS.
    preferTs: __filename.endsWith('.ts'),
    pool: { min: 0, max: poolMax },
    replicas: replicaUrls.map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl })),
    preferReadReplicas: false,
    debug,
    // knex's own warnings (a pooled connection cut: PgBouncer or PostgreSQL restarted) as one clear line in the app's log
    driverOptions: { log: KNEX_LOG },
    // Validation errors should surface at start-up, not at the first query.
    discovery: { warnWhenNoEntities: true, checkDuplicateTableNames: true },
    // the search lexicon is PostgreSQL's own (a statement trigger fills it, only SQL reads it): no entity, and not the diff's to drop
    schemaGenerator: { skipTables: ['search_lexicon'] },
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: join(__dirname, 'migrations'),
      // where `migration:create` writes new migrations: the source tree, run from the repo root
      pathTs: join(process.cwd(), 'libs/database/src/migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
  });
}

const knexLogger = new Logger('Database');
const KNEX_LOG = {
  warn: (message: string) =>
    knexLogger.warn(
      /^Connection Error/.test(message)
        ? `PostgreSQL connection lost (${message.replace(/^Connection Error: /, '')}): that connection is dropped from the pool, the next query opens a new one`
        : message,
    ),
  error: (message: string) => knexLogger.error(message),
  deprecate: (method: string, alternative: string) => knexLogger.warn(`${method} is deprecated, use ${alternative}`),
  debug: () => undefined,
};

/** Used by the MikroORM CLI (`npm run migration:create`). */
export default mikroOrmOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom' });
