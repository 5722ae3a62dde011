import { randomBytes } from 'node:crypto';

/** The database every integration and e2e test uses; refuses anything not named like a test database. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom_test';
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to run tests against "${name}": the test database name must contain "test"`);
  return url;
}

/**
 * What the apps under test get as DATABASE_URL: TEST_DATABASE_POOLED_URL when
 * set (the test database through a pooler such as PgBouncer in transaction
 * mode, to run suites as production runs), else the test database itself.
 * Migrations and the tests' own queries always use testDatabaseUrl().
 */
export function testAppsDatabaseUrl(): string {
  const pooled = process.env.TEST_DATABASE_POOLED_URL;
  if (!pooled) return testDatabaseUrl();
  const name = new URL(pooled).pathname.slice(1);
  if (name !== new URL(testDatabaseUrl()).pathname.slice(1)) throw new Error(`TEST_DATABASE_POOLED_URL must name the test database, not "${name}"`);
  return pooled;
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A Redis key prefix of the suite's own, so suites never see each other's queues or counters. */
export function uniqueRedisPrefix(label = 'test'): string {
  return `${label}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
