import type { INestApplicationContext, Logger } from '@nestjs/common';
import { stopSpanExport } from '@newsroom/telemetry';

/**
 * SIGTERM and SIGINT close the app the way Nest's shutdown hooks order it
 * (HTTP: no new request is taken, in-flight ones answer, Fastify tells
 * keep-alive clients 503 meanwhile; the beacon's batch is sent; BullMQ
 * workers finish their active jobs; connections close last) and then exit 0,
 * where Nest's own hooks would re-raise the signal (no exit code at all).
 * Past `timeoutMs` the process exits 1: an orchestrator sees it did not drain.
 * `onDrain` runs first: the HTTP apps refuse requests from then on (http-app.ts).
 */
export function drainOnSignals(app: INestApplicationContext, logger: Logger, timeoutMs: number, onDrain: () => void = () => undefined): void {
  let draining = false;
  const drain = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    logger.log(`${signal}: taking no new work, finishing what is in flight (at most ${timeoutMs} ms)`);
    onDrain();
    const started = Date.now();
    setTimeout(() => {
      logger.error(`still busy ${timeoutMs} ms after ${signal}: exiting without finishing`);
      process.exit(1);
    }, timeoutMs).unref();
    // the spans still buffered are sent last, after the work they describe
    app.close().then(
      async () => {
        await stopSpanExport().catch(() => undefined);
        logger.log(`drained in ${Date.now() - started} ms`);
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutting down failed: ${(error as Error)?.message ?? String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', drain);
  process.on('SIGINT', drain);
}
