/**
 * Three projects, run one file at a time by `npm test` (it builds first), since
 * the e2e suites share the one test database:
 * - `unit`: pure logic, *.spec.ts beside the code;
 * - `e2e`: test/, the built apps as real processes against the real PostgreSQL
 *   and the single Redis;
 * - `e2e-cluster`: the Redis-heaviest of those suites again, on a real local
 *   Redis Cluster (3 masters, 3 replicas) that its global setup starts once for
 *   the run (deploy/redis-cluster/start.sh) and its teardown stops. Its tests
 *   are named `[redis cluster] …`, and a suite fails if any node answered
 *   CROSSSLOT while it ran. Run it alone: `npx jest --runInBand --selectProjects e2e-cluster`.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

/**
 * The suites run on the cluster too: every one whose subject lives in Redis,
 * as many as fit about 6 to 7 more minutes of CI on a 2-core machine (their
 * durations on the single Redis, measured 6 Dec 2026, in parentheses; on the
 * cluster they take about as long).
 * - view counting, the sharded hot path: `views` (counting scripts per shard,
 *   the minute buckets, the flush and its crash leftovers, the Populer fold,
 *   the published-article index, a Redis that lost everything) and
 *   `views-flush-crash` (flushes killed mid-way, every shard's open flushes);
 * - the queues, one hash tag each on a cluster: `publishing` (delayed jobs,
 *   early jobs put back to sleep, Redis losing everything), `drafts` (a
 *   redelivered check), `review` (claims and their expiry, the live queue's
 *   pub/sub) and `crash-recovery` (a worker killed mid-job);
 * - pub/sub and the shared per-deployment keys: `site-cache` (two site
 *   replicas dropping their caches on announcements), `sessions` (revocation
 *   across gateways), `rate-limit` and `login-limits` (counts shared by two
 *   gateways in Redis).
 * Left to the single Redis: suites whose subject is not Redis (HTTP contract,
 * bad input, roles, the desk, Varnish, PgBouncer, the read replica, the
 * browser), `deployment-isolation` (it tells deployments apart by REDIS_URL's
 * database index, which a cluster does not have), the views suites about
 * overload (`views-flood`, `views-backlog`, `views-shedding`: load figures,
 * and `test/redis-cluster` floods a cluster already) and `test/redis-cluster*`
 * themselves (they start clusters of their own, to kill masters and move slots).
 */
const ON_REDIS_CLUSTER = ['views', 'views-flush-crash', 'publishing', 'drafts', 'review', 'crash-recovery', 'site-cache', 'sessions', 'rate-limit', 'login-limits'];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  rootDir: __dirname,
};

module.exports = {
  // e2e suites start real processes; unit tests finish long before this anyway
  testTimeout: 120_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
    },
    {
      ...shared,
      displayName: 'e2e-cluster',
      testMatch: ON_REDIS_CLUSTER.map((suite) => `<rootDir>/test/${suite}.e2e-spec.ts`),
      testEnvironment: '<rootDir>/libs/testing/src/redis-cluster-environment.ts',
      globalSetup: '<rootDir>/libs/testing/src/cluster-global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/cluster-global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/libs/testing/src/on-redis-cluster.setup.ts'],
    },
  ],
};
