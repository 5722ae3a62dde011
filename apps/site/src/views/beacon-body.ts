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
 */
export function readJsonBody(request: IncomingMessage, limitBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const refuse = (status: number, message: string, code: string) => {
      request.removeAllListeners('data');
      // drain what is left, so the connection can answer and be reused
      request.resume();
      reject(new BeaconRefusal(errorBody(status, message, code)));
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
    request.on('error', reject);
    request.on('end', () => {
      if (size > limitBytes) return;
      try {
        resolve(parseJsonBody(Buffer.concat(chunks, size)));
      } catch (error) {
        const refusal = error as JsonBodyRefusal;
        reject(new BeaconRefusal(errorBody(refusal.statusCode, refusal.message, refusal.code)));
      }
    });
  });
}
