import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './error-body';

/** `%00` in any spelling: Node's parser already refuses a raw NUL in the request line. */
const ENCODED_NUL = /%00/i;

/**
 * Refuses a request whose path or query carries a NUL (`/articles/a%00b`,
 * `?rubric=x%00`) with a 400, before routing: Postgres refuses NUL in text, so
 * such a value could only ever end as a 500 (with the value in the log). One
 * look at the raw URL, in the server's request handler in front of both the
 * beacon and Nest, so no route and no query object needs walking. Returns
 * whether it answered.
 */
export function refusedForNulInUrl(request: IncomingMessage, response: ServerResponse): boolean {
  if (!hasNulInUrl(request.url ?? '')) return false;
  const payload = JSON.stringify(errorBody(400, 'the URL has a NUL character (%00)', 'URL.NUL_CHARACTER'));
  request.resume();
  response.writeHead(400, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
  return true;
}

/** Whether a raw request URL carries a NUL, which refusedForNulInUrl answers. */
export function hasNulInUrl(url: string): boolean {
  return ENCODED_NUL.test(url);
}
