import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A readers' response as a replica keeps it: sent again as it is, or answered with 304 from its validators. */
export interface CachedResponse {
  status: number;
  contentType: string;
  body: Buffer;
  /** strong: a hash of the body */
  etag: string;
  /** in whole seconds, as HTTP dates have them */
  lastModified: number;
  cacheControl: string;
  surrogateKeys: readonly string[];
}

export function cachedResponse(fields: Omit<CachedResponse, 'etag' | 'body' | 'lastModified'> & { body: string | Buffer; lastModified: number }): CachedResponse {
  const body = typeof fields.body === 'string' ? Buffer.from(fields.body) : fields.body;
  return {
    ...fields,
    body,
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    lastModified: Math.floor(fields.lastModified / 1000) * 1000,
  };
}

/** What a response holds in bytes, headers included roughly. */
export function sizeOfResponse(response: CachedResponse): number {
  return response.body.length + 256 + response.surrogateKeys.reduce((sum, key) => sum + key.length + 1, 0);
}

/**
 * Whether the client's copy is still current (RFC 9110 13.1): If-None-Match
 * decides when present (weak comparison), If-Modified-Since otherwise. Only a
 * 200 is ever "not modified".
 */
export function isNotModified(headers: IncomingHttpHeaders, response: CachedResponse): boolean {
  if (response.status !== 200) return false;
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const opaque = response.etag;
    return ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t === opaque || t === `W/${opaque}`;
    });
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && response.lastModified <= since;
}

/** The headers a kept response goes out with, 304 or not. `X-Origin-Cache` says whether it was kept already. */
export function cachedHeaders(response: CachedResponse, hit: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': response.cacheControl,
    etag: response.etag,
    'last-modified': new Date(response.lastModified).toUTCString(),
    'x-origin-cache': hit ? 'hit' : 'miss',
  };
  if (response.surrogateKeys.length) headers['surrogate-key'] = response.surrogateKeys.join(' ');
  return headers;
}

/** Answers from a kept response: its headers, and its body or a 304. */
export async function sendCached(request: FastifyRequest, reply: FastifyReply, response: CachedResponse, hit: boolean): Promise<void> {
  void reply.headers(cachedHeaders(response, hit));
  if (isNotModified(request.headers, response)) {
    await reply.status(304).send();
    return;
  }
  await reply.status(response.status).header('content-type', response.contentType).send(response.body);
}
