import { migrateDatabase } from '@newsroom/database';
import { Client } from 'pg';

/** Per-address limits out of reach: every request of a benchmark comes from 127.0.0.1. */
const OUT_OF_REACH = '1000000000';

/**
 * A benchmark's own database on the server DATABASE_URL names. Its name must
 * contain `bench`, so a slip can never empty the newsroom's real database or
 * a test run's.
 */
export class BenchDatabase {
  readonly url: string;

  constructor(readonly name: string) {
    if (!name.includes('bench')) throw new Error(`refusing to benchmark against "${name}": its name must contain "bench"`);
    const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom');
    url.pathname = `/${name}`;
    this.url = url.toString();
  }

  /** The environment of the apps under load: this database, and the per-address limits set out of reach. */
  appEnv(): Record<string, string> {
    return {
      DATABASE_URL: this.url,
      NEWSROOM_RATE_LIMIT_READS_PER_MINUTE: OUT_OF_REACH,
      NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE: OUT_OF_REACH,
      NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: OUT_OF_REACH,
    };
  }

  async drop(): Promise<void> {
    await this.onServer((c) => c.query(`drop database if exists "${this.name}" with (force)`));
  }

  /** A fresh, migrated database (whatever a previous, interrupted run left is dropped first). */
  async create(): Promise<void> {
    await this.drop();
    await this.onServer((c) => c.query(`create database "${this.name}"`));
    await migrateDatabase(this.url);
  }

  async exists(): Promise<boolean> {
    return this.onServer(async (c) => (await c.query('select 1 from pg_database where datname = $1', [this.name])).rowCount === 1);
  }

  async with<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return connected(this.url, work);
  }

  private onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const url = new URL(this.url);
    url.pathname = '/postgres';
    return connected(url.toString(), work);
  }
}

async function connected<T>(connectionString: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
