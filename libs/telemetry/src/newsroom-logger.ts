import type { LoggerService } from '@nestjs/common';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';
import { currentTrace, traceIdOf } from './trace-context';

export interface LogSettings {
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** `json` for collectors; `text`: pino-pretty's lines when it is installed (a development dependency), JSON otherwise */
  logFormat: 'json' | 'text';
}

/** Nest's level names in pino's */
const PINO_LEVEL = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' } as const;

let root: Logger | undefined;
let requests: Logger | undefined;

/**
 * The process's one pino logger. Every line carries the request id, trace id,
 * article id and job id of the work it belongs to (the trace context), so
 * `grep <request id>` over every app's output follows one article's journey.
 */
export function rootLogger(settings: LogSettings): Logger {
  if (!root) [root, requests] = loggers(settings);
  return root;
}

/** The per-request lines' logger: the same output, the ids written by the line itself (request-log.ts), not by the trace context. */
export function requestLineLogger(settings: LogSettings): Logger {
  rootLogger(settings);
  return requests!;
}

function loggers(settings: LogSettings): [Logger, Logger] {
  const options: LoggerOptions = {
    level: PINO_LEVEL[settings.LOG_LEVEL],
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const destination = settings.logFormat === 'text' ? (prettyStream() ?? pino.destination({ sync: true })) : pino.destination({ sync: true });
  const withTrace: LoggerOptions = {
    ...options,
    mixin: () => {
      const trace = currentTrace();
      if (!trace) return {};
      return { requestId: trace.requestId, traceId: traceIdOf(trace.traceparent), articleId: trace.articleId, jobId: trace.jobId };
    },
  };
  return [pino(withTrace, destination), pino(options, destination)];
}

/** pino-pretty, synchronous so nothing is lost at exit; absent in a production install (it is a development dependency). */
function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ sync: true, colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'hostname' });
  } catch {
    return undefined;
  }
}

/** Nest's logger for an app (nestjs-pino over the root logger): Nest's own lines and every `new Logger(...)` go through pino. */
export function newsroomLogger(settings: LogSettings): LoggerService {
  return new NestPinoLogger(new PinoLogger({ pinoHttp: { logger: rootLogger(settings) } }), {});
}
