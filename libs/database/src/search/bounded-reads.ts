import { Connection } from '@mikro-orm/core';
import { unavailable } from '@newsroom/domain';
import type { BoundedRun } from './article-search';

/** SQLSTATE 57014: canceled, here by statement_timeout. */
const QUERY_CANCELED = '57014';

/**
 * Read-only steps in one transaction, without JIT, whose statements PostgreSQL cancels after
 * `timeoutMs` (SET LOCAL: it ends with the transaction, so a pooled connection
 * goes back as it came, PgBouncer's transaction mode included). A search that
 * runs out of time is a 503 with Retry-After, never a request left hanging on
 * a busy database.
 */
export function boundedReads(connection: () => Connection, timeoutMs: number): BoundedRun {
  return async (steps) => {
    const db = connection() as unknown as SqlConnection;
    try {
      return await db.transactional(async (trx) => {
        // JIT compiling costs 25-30 ms whenever the planner's estimate passes jit_above_cost, which a search's
        // estimate does (it cannot know how many body matches a page takes): far more than these reads run.
        // Memoize only hashed each row's text to cache the snippet's work for a row never seen twice.
        // The settings in one statement: each round trip to the database is one more wait on a busy machine
        await db.execute(`select set_config('statement_timeout', '${Math.max(1, Math.floor(timeoutMs))}', true), set_config('jit', 'off', true), set_config('enable_memoize', 'off', true)`, [], 'run', trx);
        return steps((sql, params) => db.execute(sql, params, 'all', trx));
      }, { readOnly: true });
    } catch (error) {
      if ((error as { code?: string }).code === QUERY_CANCELED) throw unavailable('SEARCH.TIMEOUT', 'the search took too long; try again or narrow it', 1);
      throw error;
    }
  };
}

/** The part of MikroORM's SQL connection used here (the knex-based one every PostgreSQL connection is). */
interface SqlConnection {
  transactional<T>(cb: (trx: unknown) => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows typed by the caller
  execute(sql: string, params: unknown[], method: 'all' | 'run', ctx: unknown): Promise<any>;
}
