import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { mikroOrmOptions } from './mikro-orm.config';

function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`DATABASE_URL names an unusable database "${name}"`);
  return name;
}

/** Creates the database named in `url` if it does not exist yet (connecting to `postgres` to do it). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`create database "${name}"`);
    } catch (error) {
      // Another process created it between our check and our create: fine.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Runs every pending migration, once, in one transaction. Returns the names it ran. */
export async function migrateDatabase(url: string): Promise<string[]> {
  const orm = await MikroORM.init(mikroOrmOptions({ url, poolMax: 2 }));
  try {
    const ran = await orm.getMigrator().up();
    return ran.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
