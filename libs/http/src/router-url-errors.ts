import type { FastifyError } from 'fastify';
import type { ServerResponse } from 'node:http';
import { errorBody } from './error-body';

/** The router's refusals, as the contract words errors (Fastify's own name 414 "Bad Request" and quote the URL). */
const REFUSALS: Record<string, { status: number; message: string; code: string }> = {
  // a percent-encoding that is not UTF-8 (`%c0%ae`, `%80`, `%zz`): no route could take it
  FST_ERR_BAD_URL: { status: 400, message: 'the URL has a malformed percent-encoding', code: 'URL.MALFORMED' },
  // longer than the router's maxParamLength (100): no slug, id or token is
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, message: 'a part of the URL path is too long', code: 'URL.SEGMENT_TOO_LONG' },
};

/**
 * Fastify's `frameworkErrors`: what the router answers for a URL it cannot
 * route, before any handler or Nest filter runs. The body never repeats the
 * URL, which may be 10 kB of a stranger's choosing.
 */
export function routerUrlError(error: FastifyError, _request: unknown, reply: { raw: ServerResponse }): void {
  const refusal = REFUSALS[error.code];
  const status = refusal?.status ?? 500;
  const payload = JSON.stringify(refusal ? errorBody(status, refusal.message, refusal.code) : errorBody(500, 'internal error'));
  // written as Fastify's own default does: no route, so no hooks or serializers to go through
  reply.raw.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  reply.raw.end(payload);
}
