import { randomBytes } from 'node:crypto';

/** The database every integration and e2e test uses; refuses anything not named like a test database. */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom_test';
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to run tests against "${name}": the test database name must contain "test"`);
  return url;
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A Redis key prefix of the suite's own, so suites never see each other's queues or counters. */
export function uniqueRedisPrefix(label = 'test'): string {
  return `${label}-${process.pid}-${randomBytes(3).toString('hex')}`;
}
