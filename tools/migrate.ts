/**
 * `npm run migration:up`: creates the database if it is missing and applies
 * pending migrations. Run once per deploy, never from the apps themselves, so
 * that replicas starting together do not race over the schema.
 */
import { BaseConfig, loadConfig } from '@newsroom/config';
import { ensureDatabase, migrateDatabase } from '@newsroom/database';

async function main(): Promise<void> {
  const config = loadConfig(BaseConfig);
  // a session of its own (a transaction-mode pooler in DATABASE_URL would not do)
  const url = config.directDatabaseUrl;
  const created = await ensureDatabase(url);
  if (created) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const ran = await migrateDatabase(url);
  console.log(ran.length ? `applied ${ran.length} migration(s): ${ran.join(', ')}` : 'database schema is up to date');
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exit(1);
});
