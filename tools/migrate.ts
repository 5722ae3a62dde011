/**
 * `npm run migration:up`: creates the database if it is missing and applies
 * pending migrations. Run once per deploy, never from the apps themselves, so
 * that replicas starting together do not race over the schema.
 */
import { BaseConfig, loadConfig } from '@newsroom/config';
import { ensureDatabase, migrateDatabase } from '@newsroom/database';

async function main(): Promise<void> {
  const config = loadConfig(BaseConfig);
  const created = await ensureDatabase(config.DATABASE_URL);
  if (created) console.log(`created database ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  const ran = await migrateDatabase(config.DATABASE_URL);
  console.log(ran.length ? `applied ${ran.length} migration(s): ${ran.join(', ')}` : 'database schema is up to date');
}

main().catch((error: unknown) => {
  console.error(`migration failed: ${(error as Error).message}`);
  process.exit(1);
});
