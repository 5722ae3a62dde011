import { INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BaseConfig, ConfigError, loadConfig } from '@newsroom/config';
import { logSafeError, logSafeStack } from '@newsroom/database';
import { newsroomLogger, startSpanExport } from '@newsroom/telemetry';
import { drainOnSignals } from './drained-shutdown';

/**
 * Starts a queue-consuming service: no HTTP server, just its BullMQ workers.
 * SIGTERM/SIGINT close the workers first, which lets in-flight jobs finish
 * before the connections go away (Nest's shutdown hooks do the ordering),
 * within NEWSROOM_SHUTDOWN_TIMEOUT_MS, then exit 0 (drained-shutdown.ts).
 */
export async function runWorkerApp(module: unknown, name: string): Promise<INestApplicationContext> {
  const logger = new Logger(name);
  try {
    const config = loadConfig(BaseConfig);
    startSpanExport(name, config.NEWSROOM_OTEL_ENDPOINT);
    const app = await NestFactory.createApplicationContext(module as never, { logger: newsroomLogger(config) });
    drainOnSignals(app, logger, config.NEWSROOM_SHUTDOWN_TIMEOUT_MS);
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
