import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import fastify, { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayConfig } from '../gateway.config';
import { errorBody } from '../http/error-body';
import { toErrorBody } from '../http/http-exception.filter';
import { ViewBeaconRateLimiter } from '../rate-limit/rate-limit.module';
import { beaconBatchSchema, beaconViewSchema, BeaconView, viewsAcceptedSchema } from './view-schemas';
import { BeaconClient, ViewsService } from './views.service';

const BEACON_PATHS = new Set(['/views', '/views/batch']);

/**
 * The site's view beacon, POST /views and /views/batch, served by a lean
 * Fastify instance of its own that main.ts puts in front of Nest's (same
 * server, same port). The beacon is the gateway's hottest path: Nest's
 * per-request machinery (the root hooks every Nest route pays: middleware with
 * MikroORM's request context, guards, pipes, class-validator) cost it most of
 * its throughput, and a plain route on Nest's instance still pays the hooks.
 * What that pipeline gave the beacon is here explicitly: public (no token), the
 * per-IP rate limit, JSON Schema validation (view-schemas.ts, also the routes'
 * OpenAPI description) and the contract's error shape.
 *
 * Counts reach `views` and the popular lists within two seconds; a visitor's
 * repeat view of an article within 30 minutes counts once; crawlers (by
 * User-Agent) count zero but still get 202.
 */
@Injectable()
export class ViewsRoutes implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('HTTP');
  private readonly app: FastifyInstance;

  constructor(
    private readonly views: ViewsService,
    private readonly rateLimiter: ViewBeaconRateLimiter,
    @Inject(GatewayConfig) config: GatewayConfig,
  ) {
    this.app = fastify({
      bodyLimit: config.NEWSROOM_BODY_LIMIT_BYTES,
      // behind the site's proxy: request.ip is the reader's address from X-Forwarded-For
      trustProxy: true,
      // refuse what does not fit the schema, never coerce (`{slug: 42}`) or strip (an unknown field) it
      ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
      schemaErrorFormatter: (errors, dataVar) =>
        new Error(errors.map((e) => `${dataVar}${e.instancePath}: ${e.keyword === 'oneOf' ? 'give exactly one of slug or articleId' : e.message}`).join('; ')),
    });
  }

  async onModuleInit(): Promise<void> {
    const options = (body: object): RouteShorthandOptions => ({
      schema: { body, response: { 202: viewsAcceptedSchema } },
      onRequest: (request, reply, done) => this.limit(request, reply, done),
    });
    this.app.setErrorHandler((error: FastifyError, _request, reply) => this.fail(error, reply));
    this.app.post('/views', options(beaconViewSchema), async (request, reply) => {
      const accepted = await this.views.record(request.body as BeaconView, beaconClient(request));
      return reply.code(202).send(accepted);
    });
    this.app.post('/views/batch', options(beaconBatchSchema), async (request, reply) => {
      const accepted = await this.views.recordBatch(request.body as BeaconView[], beaconClient(request));
      return reply.code(202).send(accepted);
    });
    await this.app.ready();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.app.close();
  }

  /** Whether a request is the beacon's, to be served here rather than by Nest. */
  handles(request: IncomingMessage): boolean {
    if (request.method !== 'POST' || !request.url) return false;
    const query = request.url.indexOf('?');
    return BEACON_PATHS.has(query < 0 ? request.url : request.url.slice(0, query));
  }

  serve(request: IncomingMessage, response: ServerResponse): void {
    this.app.routing(request, response);
  }

  /** Before the body is read: a client over its limit costs no parsing, and every request counts, a 400 too. */
  private limit(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
    const decision = this.rateLimiter.hit(request.ip);
    if (decision.allowed) return done();
    void reply
      .code(429)
      .header('retry-after', decision.retryAfterSeconds)
      .send(errorBody(429, 'too many requests from this address; try again in a minute'));
  }

  /** Validation errors, malformed JSON, 404s and failures in the contract's shape, as Nest's global filter does elsewhere. */
  private fail(error: FastifyError, reply: FastifyReply): FastifyReply {
    const body = toErrorBody(error);
    if (body.statusCode >= 500) this.logger.error(error.message, error.stack);
    return reply.code(body.statusCode).send(body);
  }
}

function beaconClient(request: FastifyRequest): BeaconClient {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' };
}
