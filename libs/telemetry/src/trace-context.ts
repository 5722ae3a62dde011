import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TraceIds } from '@newsroom/contracts';

/**
 * What every log line of one piece of work carries: the request id and W3C
 * trace it comes from, and the article it is about once that is known.
 * Mutable on purpose: a request learns its article id only once routed.
 */
export interface TraceContext extends TraceIds {
  articleId?: string;
  /** the BullMQ job being processed, in the services */
  jobId?: string;
}

const storage = new AsyncLocalStorage<TraceContext>();

/** A client's X-Request-Id is echoed and logged, so only a short id of safe characters is taken; anything else gets a new one. */
const REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
/** W3C Trace Context version 00; an all-zero trace or parent id is invalid */
const TRACEPARENT = /^00-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-([0-9a-f]{2})$/;

export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** The ids to hand on (in job data, an outbox event, a webhook's headers), or none outside traced work. */
export function currentTraceIds(): TraceIds | undefined {
  const trace = storage.getStore();
  return trace ? { requestId: trace.requestId, traceparent: trace.traceparent } : undefined;
}

export function runWithTrace<T>(trace: TraceContext, work: () => T): T {
  return storage.run(trace, work);
}

/**
 * This hop's trace: the caller's X-Request-Id (or a new one), and a child of
 * the caller's traceparent (the same trace id, a new parent id for this hop)
 * or a new trace. `own`: this hop's traceparent when an exported span has
 * made it (span-export.ts).
 */
export function traceFromHeaders(headers: IncomingHttpHeaders, own?: string): TraceContext {
  const given = headers['x-request-id'];
  const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  return { requestId, traceparent: own ?? childTraceparent(typeof headers.traceparent === 'string' ? headers.traceparent : undefined) };
}

/** The trace of work handed on with these ids (a job, an event): the same request id, a new hop in the same trace. */
export function traceFromIds(ids: TraceIds | undefined, extra: Pick<TraceContext, 'articleId' | 'jobId'> = {}, own?: string): TraceContext {
  const requestId = ids && REQUEST_ID.test(ids.requestId) ? ids.requestId : randomUUID();
  return { requestId, traceparent: own ?? childTraceparent(ids?.traceparent), ...extra };
}

export function childTraceparent(parent: string | undefined): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  const traceId = match ? match[1] : randomHex(16);
  return `00-${traceId}-${randomHex(8)}-${match ? match[2] : '01'}`;
}

/**
 * Random bytes as hex, from a pool refilled 4 KiB at a time (as randomUUID
 * does): a synchronous randomBytes(8) per request was 6% of the view
 * beacon's CPU (bench:views' probe profile). Still the CSPRNG's bytes, each
 * handed out once.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = POOL_BYTES;

function randomHex(bytes: number): string {
  if (used + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    used = 0;
  }
  const hex = pool.toString('hex', used, used + bytes);
  used += bytes;
  return hex;
}

export function traceIdOf(traceparent: string): string {
  return traceparent.slice(3, 35);
}

/** The headers that carry a trace to the next hop (the gateway behind the site, a webhook receiver). */
export function traceHeaders(trace: TraceIds): Record<string, string> {
  return { 'x-request-id': trace.requestId, traceparent: childTraceparent(trace.traceparent) };
}

/** The headers of the work in progress, or none outside traced work. */
export function currentTraceHeaders(): Record<string, string> {
  const trace = currentTraceIds();
  return trace ? traceHeaders(trace) : {};
}
