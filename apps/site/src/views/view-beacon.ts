import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logSafeError, logSafeStack } from '@newsroom/database';
import { DomainError } from '@newsroom/domain';
import { clientAddress, ErrorBody, errorBody, HeaderPairs, ProxyTrust, proxyTrust, toErrorBody } from '@newsroom/http';
import { ViewBeaconRateLimiter } from '../rate-limit/readers-rate-limits.module';
import { SiteConfig } from '../site.config';
import { BeaconRefusal, readJsonBody } from './beacon-body';
import { beaconBatch, beaconView } from './beacon-validation';
import { ViewsAccepted } from './view-schemas';
import { BeaconClient, ViewsService } from './views.service';

const ROUTES: Record<string, (views: ViewsService, body: unknown, client: BeaconClient) => Promise<ViewsAccepted>> = {
  '/views': (views, body, client) => views.record(beaconView(body), client),
  '/views/batch': (views, body, client) => views.recordBatch(beaconBatch(body), client),
};

/**
 * The site's view beacon, POST /views and /views/batch, answered by a plain
 * Node request handler that main.ts puts in front of Nest (same server, same
 * port). The beacon is the gateway's hottest path by far: Nest's per-request
 * machinery (root hooks with MikroORM's request context, guards, pipes,
 * class-validator) cost it most of its throughput, and a lean Fastify
 * instance of its own still spent more on routing, hooks and its body parser's
 * async resources than on the work (docs/benchmarks/views.md). What those
 * layers gave the beacon is here explicitly, each by the library they used:
 * public (no token), the per-IP rate limit before the body is read, the body
 * limit, JSON parsed by secure-json-parse, JSON Schema validation by ajv
 * (view-schemas.ts, also the routes' OpenAPI description), the client address
 * by proxy-addr (trusting only NEWSROOM_TRUSTED_PROXIES), and the contract's error shape.
 *
 * Counts reach `views` and the popular lists within two seconds; a visitor's
 * repeat view of an article within 30 minutes counts once; crawlers (by
 * User-Agent) count zero but still get 202.
 */
@Injectable()
export class ViewBeacon {
  private readonly logger = new Logger('HTTP');
  /** the same notion of the client as Fastify's request.ip (NEWSROOM_TRUSTED_PROXIES) */
  private readonly trust: ProxyTrust;

  constructor(
    private readonly views: ViewsService,
    private readonly rateLimiter: ViewBeaconRateLimiter,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {
    this.trust = proxyTrust(config.trustedProxies);
  }

  /** Whether a request is the beacon's, to be served here rather than by Nest. */
  handles(request: IncomingMessage): boolean {
    return request.method === 'POST' && routeOf(request) !== undefined;
  }

  /**
   * Answers a beacon request. `headers` go out with every answer (the
   * security headers and X-Request-Id: FrontHandler.writesOwnHeaders), in
   * the one writeHead that also carries the answer's own.
   */
  serve(request: IncomingMessage, response: ServerResponse, headers: HeaderPairs): void {
    const route = ROUTES[routeOf(request)!];
    const send: Send = (status, body, own) => sendJson(response, headers, status, body, own);
    const ip = clientAddress(request, this.trust);
    // before the body is read: a client over its limit costs no parsing, and every request counts, a 400 too
    const decision = this.rateLimiter.hit(ip);
    if (!decision.allowed) {
      request.resume();
      return send(429, errorBody(429, 'too many requests from this address; try again in a minute'), { 'retry-after': decision.retryAfterSeconds });
    }
    // callbacks and the one promise of the counting, not an async function per step: see readJsonBody
    readJsonBody(request, this.config.NEWSROOM_BODY_LIMIT_BYTES, (refusal, body) => {
      if (refusal) return this.refuse(send, refusal);
      let accepted: Promise<ViewsAccepted>;
      try {
        accepted = route(this.views, body, { ip, userAgent: request.headers['user-agent'] ?? '' });
      } catch (error) {
        return this.refuse(send, error);
      }
      accepted.then(
        (answer) => send(202, answer),
        (error: unknown) => this.refuse(send, error),
      );
    });
  }

  /** A refusal is an answer, a 503 of the bulk lane's back-off too; anything else of 500 and over is a fault, logged. */
  private refuse(send: Send, error: unknown): void {
    if (error instanceof BeaconRefusal) return send(error.body.statusCode, error.body, error.headers);
    const body: ErrorBody = toErrorBody(error);
    // Redis could not take the views just now (a cluster failing a master over): send them again
    if (error instanceof DomainError && error.kind === 'unavailable') return send(body.statusCode, body, { 'retry-after': error.retryAfterSeconds ?? 1 });
    if (body.statusCode < 500) return send(body.statusCode, body);
    this.logger.error(logSafeError(error), logSafeStack(error));
    send(500, errorBody(500, 'internal error'));
  }
}

function routeOf(request: IncomingMessage): string | undefined {
  const url = request.url ?? '';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  return Object.hasOwn(ROUTES, path) ? path : undefined;
}

type Send = (status: number, body: unknown, own?: Record<string, string | number>) => void;

/** The answer's headers all in one writeHead: given as pairs, Node sets none of them on the response one by one. */
function sendJson(response: ServerResponse, headers: HeaderPairs, status: number, body: unknown, own: Record<string, string | number> = {}): void {
  const payload = JSON.stringify(body);
  const all = [...headers, 'content-type', 'application/json; charset=utf-8', 'content-length', String(Buffer.byteLength(payload))];
  for (const name in own) all.push(name, String(own[name]));
  response.writeHead(status, all);
  response.end(payload);
}
