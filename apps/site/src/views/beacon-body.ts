import type { IncomingMessage } from 'node:http';
import { ErrorBody, errorBody } from '@newsroom/http';
import { JsonBodyRefusal, parseJsonBody } from '@newsroom/http';

/** A beacon request refused, with the contract's error body and the headers its answer needs (Retry-After). */
export class BeaconRefusal extends Error {
  constructor(
    readonly body: ErrorBody,
    readonly headers: Record<string, string | number> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : body.message.join('; '));
  }
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Reads a beacon's JSON body as Fastify's JSON parser would answer it: 415
 * for another content type, 413 past the body limit (announced or streamed),
 * 400 for an empty, malformed, too deeply nested body, a NUL in a string, or
 * one that smuggles `__proto__` / `constructor.prototype`: the gateway's one
 * JSON body parser (http/json-body.ts), as for Nest's routes.
 *
 * Calls back once, with the refusal or the body, rather than returning a
 * promise: on the beacon every promise is also an async_hooks resource
 * (AsyncLocalStorage is on in the process), and the beacon's promises were a
 * tenth of the site's CPU per view (docs/benchmarks/views.md).
 */
export function readJsonBody(request: IncomingMessage, limitBytes: number, done: (refusal: BeaconRefusal | null, body?: unknown) => void): void {
  let answered = false;
  const answer = (refusal: BeaconRefusal | null, body?: unknown) => {
    if (answered) return;
    answered = true;
    done(refusal, body);
  };
  const refuse = (status: number, message: string, code: string) => {
    request.removeAllListeners('data');
    // drain what is left, so the connection can answer and be reused
    request.resume();
    answer(new BeaconRefusal(errorBody(status, message, code)));
  };
  if (!JSON_TYPE.test(request.headers['content-type'] ?? '')) {
    return refuse(415, `unsupported media type: ${request.headers['content-type'] ?? 'none'}; send application/json`, 'UNSUPPORTED_MEDIA_TYPE');
  }
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > limitBytes) return refuse(413, 'request body is too large', 'BODY_TOO_LARGE');
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limitBytes) return refuse(413, 'request body is too large', 'BODY_TOO_LARGE');
    chunks.push(chunk);
  });
  // an aborted upload: nothing to answer (the connection is gone), but the beacon learns it
  request.on('error', () => answer(new BeaconRefusal(errorBody(400, 'malformed JSON: the body did not arrive whole', 'MALFORMED_JSON'))));
  request.on('end', () => {
    if (size > limitBytes) return;
    let body: unknown;
    try {
      // a beacon's body nearly always comes in one chunk: no copy then
      body = parseJsonBody(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    } catch (error) {
      const refusal = error as JsonBodyRefusal;
      return answer(new BeaconRefusal(errorBody(refusal.statusCode, refusal.message, refusal.code)));
    }
    answer(null, body);
  });
}
