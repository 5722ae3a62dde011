import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SiteConfig } from '../site.config';
import { clientAddress, ProxyTrust, proxyTrust } from '@newsroom/http';
import { errorBody } from '@newsroom/http';
import { PUBLIC_READ_LIMITED_MESSAGE } from '../rate-limit/public-read.guard';
import { PUBLIC_READ_LIMIT, PublicReadRateLimiter } from '../rate-limit/readers-rate-limits.module';
import { cachedHeaders, isNotModified } from './cached-response';
import { ReadersCache } from './readers-cache.service';
import { readersRouteOf } from './readers-routes';

/**
 * Cache hits of the readers' pages and public JSON, answered by a plain Node
 * handler that main.ts puts in front of Nest, as it does the view beacon.
 * Even a hit used to cost Nest's whole per-request machinery (root hooks with
 * MikroORM's request context, the guards, pipes, interceptors), several times
 * the work of sending the kept bytes (docs/benchmarks/read-path.md).
 *
 * Only what Nest would answer the same from the cache is served here: a GET
 * or HEAD of a route in READERS_ROUTES (strict JSON routes without a query
 * parameter their DTO refuses) whose entry is kept and fresh, a page only if
 * its side block is too (one due for a refresh goes to Nest, which reads it
 * again). Everything else, misses included, goes to Nest unchanged. These
 * routes are public, so Authorization and the desk cookie change nothing of
 * what they answer and are not looked at.
 *
 * What Nest's layers gave these answers is here explicitly: the public-read
 * limit per client address (the same PublicReadRateLimiter that Nest's
 * PublicReadGuard counts in, so hits and misses share one budget), and the
 * same headers, 304 and HEAD handling as sendCached. Hits count in the
 * ReadersCache statistics, as Nest's do.
 */
@Injectable()
export class ReadersCacheFastPath {
  /** the same notion of the client as Fastify's request.ip (NEWSROOM_TRUSTED_PROXIES) */
  private readonly trust: ProxyTrust;

  constructor(
    private readonly cache: ReadersCache,
    private readonly rateLimiter: PublicReadRateLimiter,
    @Inject(SiteConfig) config: SiteConfig,
  ) {
    this.trust = proxyTrust(config.trustedProxies);
  }

  /** Answers the request if it is a fresh cache hit and returns true; false leaves it, untouched, to Nest. */
  serve(request: IncomingMessage, response: ServerResponse): boolean {
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = request.url ?? '/';
    const route = readersRouteOf(url);
    if (!route) return false;
    const kept = this.cache.keptResponse(route, url);
    if (!kept) return false;
    // counted only now: a miss is counted once, by Nest's guard
    const decision = this.rateLimiter.hit(clientAddress(request, this.trust));
    if (!decision.allowed) {
      const payload = JSON.stringify(errorBody(429, PUBLIC_READ_LIMITED_MESSAGE, 'RATE_LIMIT.PUBLIC_READ'));
      const retryAfter = String(decision.retryAfterSeconds);
      response.writeHead(429, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(payload),
        'retry-after': retryAfter,
        [`retry-after-${PUBLIC_READ_LIMIT}`]: retryAfter,
      });
      response.end(method === 'HEAD' ? undefined : payload);
      return true;
    }
    const headers = cachedHeaders(kept, true);
    if (isNotModified(request.headers, kept)) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    response.writeHead(kept.status, { ...headers, 'content-type': kept.contentType, 'content-length': kept.body.length });
    response.end(method === 'HEAD' ? undefined : kept.body);
    return true;
  }
}
