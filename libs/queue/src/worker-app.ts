import { ConsoleLogger, INestApplicationContext, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BaseConfig, ConfigError, loadConfig } from '@newsroom/config';
import { logSafeError, logSafeStack } from '@newsroom/database';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The app's logger from LOG_LEVEL (that level and everything more severe) and LOG_FORMAT. */
export function newsroomLogger(config: Pick<BaseConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): ConsoleLogger {
  const index = LEVELS.indexOf(config.LOG_LEVEL);
  return new ConsoleLogger({ logLevels: LEVELS.slice(0, index + 1), json: config.LOG_FORMAT === 'json' });
}

/**
 * Starts a queue-consuming service: no HTTP server, just its BullMQ workers.
 * SIGTERM/SIGINT close the workers first, which lets in-flight jobs finish
 * before the connections go away (Nest's shutdown hooks do the ordering).
 */
export async function runWorkerApp(module: unknown, name: string): Promise<INestApplicationContext> {
  const logger = new Logger(name);
  try {
    const app = await NestFactory.createApplicationContext(module as never, { logger: newsroomLogger(loadConfig(BaseConfig)) });
    app.enableShutdownHooks();
    await app.init();
    logger.log(`${name} service is consuming its queues (pid ${process.pid})`);
    return app;
  } catch (error) {
    reportStartupFailure(logger, error);
    process.exit(1);
  }
}

/** One clear line for the failures a newcomer meets, instead of a stack trace. */
export function reportStartupFailure(logger: Logger, error: unknown): void {
  if (error instanceof ConfigError) {
    logger.error(error.message);
    return;
  }
  const e = error as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e.code ?? e.errors?.[0]?.code;
  if (code === 'ECONNREFUSED' || /ECONNREFUSED|connect/i.test(e.message ?? '')) {
    logger.error(`cannot reach PostgreSQL or Redis (${e.message ?? code}); start them, e.g. \`docker compose up -d postgres redis\``);
    return;
  }
  logger.error(`failed to start: ${logSafeError(error)}`, logSafeStack(error));
}
