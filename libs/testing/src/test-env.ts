import { randomBytes } from 'node:crypto';

/** TEST_DATABASE_URL, or the default: the run's database, which global setup creates and migrates, refusing any name without "test". */
export function runDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom_test';
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to run tests against "${name}": the test database name must contain "test"`);
  return url;
}

/**
 * The copy of the run's database that Jest worker `worker` has to itself, so
 * that suites running side by side (npm test runs two at a time) never see
 * each other's rows: `<name>_w<worker>`, made by global setup from the
 * migrated database as a template.
 */
export function workerDatabaseUrl(runUrl: string, worker: number | string): string {
  const url = new URL(runUrl);
  url.pathname = `${url.pathname}_w${worker}`;
  return url.toString();
}

/**
 * The database every integration and e2e test uses: the calling Jest
 * worker's own copy of the run's database (JEST_WORKER_ID is 1 with
 * --runInBand too). Outside Jest, the run's database itself.
 */
export function testDatabaseUrl(): string {
  const worker = process.env.JEST_WORKER_ID;
  return worker ? workerDatabaseUrl(runDatabaseUrl(), worker) : runDatabaseUrl();
}

/**
 * What the apps under test get as DATABASE_URL: TEST_DATABASE_POOLED_URL when
 * set (the run's database through a pooler such as PgBouncer in transaction
 * mode, to run suites as production runs), pointed at the worker's copy as
 * testDatabaseUrl() is, else the worker's database itself. Migrations and the
 * tests' own queries always use testDatabaseUrl().
 */
export function testAppsDatabaseUrl(): string {
  const pooled = process.env.TEST_DATABASE_POOLED_URL;
  if (!pooled) return testDatabaseUrl();
  const name = new URL(pooled).pathname.slice(1);
  if (name !== new URL(runDatabaseUrl()).pathname.slice(1)) throw new Error(`TEST_DATABASE_POOLED_URL must name the test database, not "${name}"`);
  const worker = process.env.JEST_WORKER_ID;
  return worker ? workerDatabaseUrl(pooled, worker) : pooled;
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** The flag jest.config.js's `e2e-cluster` project sets in its `globals`: its suites run on a Redis Cluster. */
export const ON_REDIS_CLUSTER_GLOBAL = 'NEWSROOM_E2E_ON_REDIS_CLUSTER';

/**
 * The seed nodes (REDIS_CLUSTER_NODES) of the Redis Cluster the suite runs
 * against, or undefined when it runs on the single test Redis. Only the
 * `e2e-cluster` project runs on a cluster: the one its global setup started
 * (or TEST_REDIS_CLUSTER_NODES, a cluster of your own). The plain `e2e`
 * project ignores TEST_REDIS_CLUSTER_NODES, so one `npm test` runs both.
 */
export function testRedisClusterNodes(): string | undefined {
  if (!(globalThis as Record<string, unknown>)[ON_REDIS_CLUSTER_GLOBAL]) return undefined;
  const nodes = process.env.TEST_REDIS_CLUSTER_NODES;
  if (!nodes) throw new Error('the e2e-cluster suites need TEST_REDIS_CLUSTER_NODES (set by the project\'s global setup, which starts a cluster)');
  return nodes;
}

/** A Redis key prefix of the suite's own, so suites never see each other's queues or counters. */
export function uniqueRedisPrefix(label = 'test'): string {
  return `${label}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
