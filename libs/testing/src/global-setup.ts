import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { PgBouncerProcess } from './pgbouncer-process';
import { runDatabaseUrl, workerDatabaseUrl } from './test-env';

/** Where the setup leaves the PgBouncer it started for the teardown. */
export const SHARED_PGBOUNCER = Symbol.for('newsroom.e2e.pgbouncer');

/** What global setup reads of Jest's configuration. */
interface JestGlobalConfig {
  maxWorkers: number;
}

/**
 * Jest global setup for e2e tests, once per run for both e2e projects: drops
 * and recreates the run's test database, migrates it with the real migration
 * step from the build (`npm test` builds first), and copies it once per Jest
 * worker (CREATE DATABASE ... TEMPLATE, a file copy: far cheaper than
 * migrating each), so that the suites running at once each have a database of
 * their own (testDatabaseUrl). Jest loads this file outside its module mapper,
 * hence no aliases here.
 */
export default async function globalSetup(globalConfig: JestGlobalConfig): Promise<void> {
  const url = runDatabaseUrl();
  // once per run: the e2e and e2e-cluster projects share the databases
  if (process.env.NEWSROOM_TEST_DATABASE_READY === url) return;
  const workers = Math.max(1, globalConfig?.maxWorkers ?? 1);
  const databaseName = (u: string) => new URL(u).pathname.slice(1);
  const copies = Array.from({ length: workers }, (_, i) => databaseName(workerDatabaseUrl(url, i + 1)));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    for (const name of [databaseName(url), ...copies]) await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${databaseName(url)}"`);
    const root = join(__dirname, '../../..');
    execFileSync(process.execPath, [join(root, process.env.NEWSROOM_DIST ?? 'dist', 'tools/migrate.js')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, DATABASE_DIRECT_URL: url, NODE_ENV: 'test' },
      stdio: 'pipe',
    });
    for (const name of copies) await client.query(`create database "${name}" template "${databaseName(url)}"`);
  } finally {
    await client.end();
  }
  process.env.NEWSROOM_TEST_DATABASE_READY = url;
  await startPgBouncerIfAsked(url);
}

/**
 * NEWSROOM_TEST_THROUGH_PGBOUNCER=1 runs every suite with the apps'
 * DATABASE_URL through one real PgBouncer in transaction mode (as production
 * runs them): started here on a free port in front of the test PostgreSQL,
 * named to the workers in TEST_DATABASE_POOLED_URL (each worker's apps then
 * use its own database through it), stopped by the teardown.
 */
async function startPgBouncerIfAsked(url: string): Promise<void> {
  if (process.env.NEWSROOM_TEST_THROUGH_PGBOUNCER !== '1' || process.env.TEST_DATABASE_POOLED_URL) return;
  const bouncer = await PgBouncerProcess.start({ serverUrl: url });
  (globalThis as Record<symbol, unknown>)[SHARED_PGBOUNCER] = bouncer;
  process.env.TEST_DATABASE_POOLED_URL = bouncer.url(new URL(url).pathname.slice(1));
}
