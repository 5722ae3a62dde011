/**
 * `npm start` (and `npm run demo`): checks PostgreSQL and Redis, creates and
 * migrates the database once, then runs the six apps as child processes with
 * labelled output until Ctrl-C. `--demo` fills an empty newsroom through the
 * gateway's HTTP API once it is healthy.
 *
 * Migrations run here, before any app starts, and never from the apps: replicas
 * starting together must not race over the schema.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@newsroom/config';
import { ensureDatabase, migrateDatabase } from '@newsroom/database';
import { redisTarget } from '@newsroom/redis';
import { seedDemo } from './demo/seed-demo';
import { AppProcesses, AppName, missingBuilds } from './launcher/app-processes';
import { banner } from './launcher/banner';
import { disableColorsUnlessTerminal, say } from './launcher/labelled-output';
import { LauncherConfig } from './launcher/launcher.config';
import { checkPostgres, checkRedis, PreflightError } from './launcher/preflight';
import { waitForHealth } from './launcher/wait-for-health';

const HEALTH_TIMEOUT_MS = 60_000;

/** Reasons to stop that deserve one line, not a stack trace. */
class LaunchError extends Error {}

async function prepareDatabase(config: LauncherConfig): Promise<void> {
  // PostgreSQL itself: creating a database and migrating need a session (DATABASE_DIRECT_URL)
  const url = config.directDatabaseUrl;
  const name = new URL(url).pathname.slice(1);
  try {
    if (await ensureDatabase(url)) say(`created database ${name}`);
    const ran = await migrateDatabase(url);
    say(ran.length ? `applied ${ran.length} migration(s) to ${name}: ${ran.join(', ')}` : `database ${name} is up to date`);
  } catch (error) {
    throw new LaunchError(`Preparing database ${name} failed: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  disableColorsUnlessTerminal();
  const config = loadConfig(LauncherConfig);

  const missing = missingBuilds();
  if (missing.length) throw new LaunchError(`Not built: ${missing.join(', ')}. Run: npm run build`);
  // the server itself (its `postgres` database): a pooler in DATABASE_URL may not serve that one
  await checkPostgres(config.directDatabaseUrl);
  await checkRedis(redisTarget(config));
  await prepareDatabase(config);

  let shuttingDown = false;
  const apps = new AppProcesses(
    (app: AppName, how: string) => {
      say(`${app} stopped unexpectedly (${how}); stopping the others`);
      void shutdown(1);
    },
    (app) => config.envOf(app),
  );
  async function shutdown(code: number): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping the apps ...');
    await apps.stopAll();
    say('stopped');
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  apps.startAll();
  try {
    // the site in front, and the gateway behind it (the staff API the demo and the desk use)
    await Promise.all([
      waitForHealth(config.gatewayUrl, HEALTH_TIMEOUT_MS, () => shuttingDown),
      waitForHealth(`http://127.0.0.1:${config.NEWSROOM_GATEWAY_PORT}`, HEALTH_TIMEOUT_MS, () => shuttingDown),
    ]);
  } catch (error) {
    if (shuttingDown) return; // an app died or we were told to stop: shutdown() tells the story
    say((error as Error).message);
    return shutdown(1);
  }
  process.stdout.write(banner(config) + '\n');

  if (demo) {
    try {
      await seedDemo(config.gatewayUrl, { email: config.NEWSROOM_ADMIN_EMAIL, password: config.NEWSROOM_ADMIN_PASSWORD });
    } catch (error) {
      // The apps stay up so the failure can be looked into; Ctrl-C stops them as usual.
      if (!shuttingDown) say(`DEMO ABORTED: ${(error as Error).message} (the newsroom keeps running; Ctrl-C to stop)`);
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof PreflightError || error instanceof LaunchError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('npm start failed:', error);
  }
  process.exit(1);
});
