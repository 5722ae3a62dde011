import { Client } from 'pg';
import { testDatabaseUrl } from './test-env';

/** Empties every table but the migrations' (between suites; apps are started afterwards). */
export async function resetDatabase(url = testDatabaseUrl()): Promise<void> {
  if (!new URL(url).pathname.includes('test')) throw new Error('refusing to reset a database whose name lacks "test"');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations'`,
    );
    if (rows.length) await client.query(`truncate ${rows.map((r) => `"${r.tablename}"`).join(', ')} restart identity cascade`);
  } finally {
    await client.end();
  }
}

/** Runs a query against the test database (assertions on what is stored). */
export async function queryTestDatabase<T = Record<string, unknown>>(sql: string, params: unknown[] = [], url = testDatabaseUrl()): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
