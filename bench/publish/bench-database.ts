import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DIST, ROOT } from '@newsroom/testing';

/**
 * The benchmark's own database, created, migrated and dropped by the
 * benchmark. Its name must contain `bench`, so a slip can never empty the
 * newsroom's real database or a test run's.
 */
export class BenchDatabase {
  readonly name: string;

  constructor(readonly url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom_bench') {
    this.name = new URL(url).pathname.slice(1);
    if (!this.name.includes('bench')) throw new Error(`refusing to benchmark against "${this.name}": its name must contain "bench"`);
  }

  /** Drops and recreates the database, then migrates it with the real migration step from the build. */
  async recreate(): Promise<void> {
    await this.onServer(async (client) => {
      await client.query(`drop database if exists "${this.name}" with (force)`);
      await client.query(`create database "${this.name}"`);
    });
    execFileSync(process.execPath, [join(DIST, 'tools/migrate.js')], { cwd: ROOT, env: { ...process.env, DATABASE_URL: this.url }, stdio: 'pipe' });
  }

  async drop(): Promise<void> {
    await this.onServer((client) => client.query(`drop database if exists "${this.name}" with (force)`));
  }

  /** Removes every article and outbox row between trials (users and rubrics stay). */
  async clearArticles(): Promise<void> {
    await this.query(`truncate articles, outbox_events cascade`);
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  private async onServer(work: (client: Client) => Promise<unknown>): Promise<void> {
    const server = new URL(this.url);
    server.pathname = '/postgres';
    const client = new Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await work(client);
    } finally {
      await client.end();
    }
  }
}
