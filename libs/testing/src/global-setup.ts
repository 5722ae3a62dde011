import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from './test-env';

/**
 * Jest global setup for e2e tests: drops and recreates the test database, then
 * migrates it with the real migration step from the build (`npm test` builds
 * first), once per run for both e2e projects. Jest loads this file outside its module mapper, hence no aliases here.
 */
export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  // once per run: the e2e and e2e-cluster projects share the database (and run one file at a time)
  if (process.env.NEWSROOM_TEST_DATABASE_READY === url) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const root = join(__dirname, '../../..');
  execFileSync(process.execPath, [join(root, process.env.NEWSROOM_DIST ?? 'dist', 'tools/migrate.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
    stdio: 'pipe',
  });
  process.env.NEWSROOM_TEST_DATABASE_READY = url;
}
