/**
 * Three projects, run two files at a time by `npm test` (it builds first);
 * each Jest worker has a database of its own (libs/testing test-env.ts), and
 * every suite a Redis key prefix of its own:
 * - `unit`: pure logic, *.spec.ts beside the code;
 * - `e2e`: test/, the built apps as real processes against the real PostgreSQL
 *   and the single Redis;
 * - `e2e-cluster`: the suites whose subject lives in Redis again, on a real local
 *   Redis Cluster (3 masters, 3 replicas) that its global setup starts once for
 *   the run (deploy/redis-cluster/start.sh) and its teardown stops. Its tests
 *   are named `[redis cluster] …`, and a suite fails if any node answered
 *   CROSSSLOT while it ran. Run it alone: `npm run test:e2e-cluster`.
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

/**
 * The suites run on the cluster too: every suite whose subject lives in Redis.
 * - view counting, the sharded hot path: `views` (counting scripts per shard,
 *   minute buckets per shard, the flush and its crash leftovers, the Populer
 *   fold, the published-article index, a Redis that lost everything) and
 *   `views-flush-crash` (flushes killed mid-way, a shard's open flushes);
 * - the queues, a hash tag each on a cluster: `drafts` (the submission
 *   queue), `review` (the live review queue's pub/sub, claims, decisions),
 *   `publishing` (delayed jobs, an early job put back to sleep, Redis losing
 *   everything, two publishers racing), `live-updates` (revisions made live
 *   by the publisher) and `crash-recovery` (a worker killed mid-job, its job
 *   redelivered);
 * - the deployment's shared keys: `sessions` and `staff-lifecycle` (token
 *   generations, revocation across gateways), `rate-limit` and `login-limits`
 *   (the limiter's storage shared by two gateways), `site-cache` (rendered
 *   pages and their announcements to every site replica) and `trending` (minute buckets
 *   read across shards).
 * Not here: suites whose subject is not Redis (the HTTP contract, bad input,
 * roles, the desk, Varnish, PgBouncer, the read replica, the browser);
 * `deployment-isolation` (it tells deployments apart by REDIS_URL's database
 * index, which a cluster does not have); the overload suites `views-flood`,
 * `views-backlog` and `views-shedding` (load figures; test/redis-cluster
 * floods a cluster already); and `test/redis-cluster*`, which start clusters
 * of their own to kill masters and move slots.
 */
const ON_REDIS_CLUSTER = [
  'views', 'views-flush-crash',
  'drafts', 'review', 'publishing', 'live-updates', 'crash-recovery',
  'sessions', 'staff-lifecycle', 'rate-limit', 'login-limits', 'site-cache', 'trending',
];

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
  // two suites at a time: most of an e2e suite's time is waiting (apps starting, timers, queues)
  maxWorkers: Number(process.env.NEWSROOM_TEST_WORKERS ?? 2),
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
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
