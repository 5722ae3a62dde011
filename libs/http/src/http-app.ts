import { Logger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerCustomOptions, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@newsroom/config';
import { drainOnSignals, reportStartupFailure } from '@newsroom/queue';
import { labelRoute, newsroomLogger, requestLineLogger, requestLog, runWithTrace, startSpanExport, traceOfRequest } from '@newsroom/telemetry';
import type { FastifyViewOptions } from '@fastify/view';
import type { FastifyServerFactoryHandler } from 'fastify';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { proxyTrust } from './client-address';
import { describeRequestIds } from './openapi-request-ids';
import { describeValidation } from './openapi-validation';
import { errorBody } from './error-body';
import { HttpExceptionFilter } from './http-exception.filter';
import { HttpServerConfig } from './http-server.config';
import { useBoundedJsonParser } from './json-body';
import { routerUrlError } from './router-url-errors';
import { HeaderPairs, SecurityHeaderPolicy, securityHeaders } from './security-headers';
import { hasNulInUrl, refusedForNulInUrl } from './url-nul';
import { newsroomValidationPipe } from './validation.pipe';

/** A plain Node handler in front of Nest: `handle` is true when it answered the request (Nest never sees it); `route` names it in the request's log line. */
export interface FrontHandler {
  route: string;
  /**
   * Answers on the data-only paths (SecurityHeaderPolicy.dataOnlyAt) with
   * `headers`, the security headers and X-Request-Id, in its one `writeHead`,
   * rather than having them set on the response before it is called. Every
   * other handler, and this one elsewhere, finds them set and is given none.
   */
  writesOwnHeaders?: boolean;
  handle: (request: IncomingMessage, response: ServerResponse, headers: HeaderPairs) => boolean;
}

const NONE: HeaderPairs = Object.freeze([]);

export interface HttpAppOptions<C extends HttpServerConfig> {
  name: string;
  module: Type<unknown>;
  config: new () => C;
  /** what /docs says the app is */
  description: string;
  /** Nest MVC's view engine (the apps render Handlebars pages) */
  viewEngine: (config: C) => FastifyViewOptions;
  /** handlers that answer hot requests before Nest's per-request machinery, taken from the app once it is created, tried in order */
  frontHandlers?: (app: NestFastifyApplication, config: C) => FrontHandler[];
  /** what the app adds to its OpenAPI document (routes Nest's scan does not see) */
  document?: (document: OpenAPIObject) => void;
  swaggerOptions?: (config: C) => SwaggerCustomOptions;
  /** what the app mounts on Fastify itself before Nest's routes (the gateway's queue dashboard) */
  mount?: (app: NestFastifyApplication, config: C) => Promise<void>;
  /** the app's Referrer-Policy and the paths of pages not ours that keep inline styles (security-headers.ts) */
  headers: Omit<SecurityHeaderPolicy, 'publicUrl'>;
}

/**
 * A request that arrives once the app is draining, on a connection that was
 * open already (a busy keep-alive client would otherwise keep the server
 * from ever closing): 503 with Retry-After and Connection: close, so the
 * client goes to another replica and its connection ends. Requests taken
 * before still finish.
 */
function refuseWhileDraining(req: IncomingMessage, res: ServerResponse): void {
  labelRoute(req, 'refused-draining');
  const payload = JSON.stringify(errorBody(503, 'this replica is shutting down; send the request again', 'SERVER.SHUTTING_DOWN'));
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload), 'retry-after': '1', connection: 'close' });
  res.end(payload);
}

/**
 * Nest's requests in the trace context: their route pattern in the log line,
 * and the handler (guards, services, the jobs and outbox events they write)
 * run inside the request's trace, past Fastify's body reading (whose
 * callbacks come from the socket, outside it). A route about one article
 * puts its id on every line.
 */
function traceNestRequests(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    labelRoute(request.raw, request.routeOptions.url ?? 'not-found');
    done();
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const trace = traceOfRequest(request.raw);
    const articleId = articleIdOf(request.routeOptions.url, request.params);
    if (articleId) trace.articleId = articleId;
    runWithTrace(trace, done);
  });
}

const ARTICLE_ROUTE = /^\/(desk\/)?(drafts|articles|review-queue|review|schedule)\/:(id|articleId)/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function articleIdOf(route: string | undefined, params: unknown): string | undefined {
  const match = route ? ARTICLE_ROUTE.exec(route) : null;
  if (!match) return undefined;
  const value = (params as Record<string, unknown> | undefined)?.[match[3]];
  // only a real id: whatever else a client put there is not logged
  return typeof value === 'string' && UUID.test(value) ? value : undefined;
}

/**
 * Starts one of the newsroom's HTTP apps (the gateway, the site) on Fastify
 * with what both need alike: forwarding headers believed only from
 * NEWSROOM_TRUSTED_PROXIES, the contract's 4xx for malformed URLs and NUL
 * bytes, the depth-bounded JSON parser, validation, the error shape, /docs,
 * security headers on every response, and graceful shutdown. Exits with a clear line when start-up fails.
 */
export async function startHttpApp<C extends HttpServerConfig>(options: HttpAppOptions<C>): Promise<void> {
  const logger = new Logger(options.name);
  try {
    const config = loadConfig(options.config);
    startSpanExport(options.name, config.NEWSROOM_OTEL_ENDPOINT);
    let front: FrontHandler[] = [];
    let draining = false;
    const headers = securityHeaders({ ...options.headers, publicUrl: config.publicUrl });
    const logRequest = requestLog(requestLineLogger(config));
    /** what answers a request once no data-only handler has (the headers are set by then) */
    const answer = (req: IncomingMessage, res: ServerResponse, nest: FastifyServerFactoryHandler) => {
      if (draining) return refuseWhileDraining(req, res);
      if (refusedForNulInUrl(req, res)) return labelRoute(req, 'refused-nul');
      for (const handler of front) if (handler.handle(req, res, NONE)) return labelRoute(req, handler.route);
      nest(req, res);
    };
    const app = await NestFactory.create<NestFastifyApplication>(
      options.module,
      new FastifyAdapter({
        bodyLimit: config.NEWSROOM_BODY_LIMIT_BYTES,
        // forwarding headers count only from NEWSROOM_TRUSTED_PROXIES (request.ip, .protocol, .host)
        trustProxy: proxyTrust(config.trustedProxies),
        // a malformed or overlong URL: the contract's 4xx, without the URL echoed back
        frameworkErrors: routerUrlError,
        // a NUL in the URL is refused for all; the front handlers answer what they can before Nest
        serverFactory: (nest: FastifyServerFactoryHandler) =>
          createServer(
            {
              // a slow client is cut off (408 or a closed connection) once either runs out, checked every second
              headersTimeout: config.NEWSROOM_HEADERS_TIMEOUT_MS,
              requestTimeout: Math.max(config.NEWSROOM_REQUEST_TIMEOUT_MS, config.NEWSROOM_HEADERS_TIMEOUT_MS),
              connectionsCheckingInterval: 1000,
              // headers past Node's 16 KiB get 431 from Node itself, before any of this code runs
            },
            (req, res) => {
              const url = req.url ?? '/';
              if (!headers.isDataOnly(url)) {
                headers.set(req, res);
                // whatever answers, and every line logged meanwhile, carries the request's id
                const trace = logRequest(req, res);
                return runWithTrace(trace, () => answer(req, res, nest));
              }
              // The data-only paths (the view beacon): its answer writes the security headers and the request's id
              // with its own, in one writeHead: set one by one on every response first, they took the site's CPU
              // per view from 129 to 150 µs (bench:views' probe). No trace context either: the beacon's work is batched across
              // requests, so no line logged there belongs to one request (its own request line still carries the
              // id), and the context's hooks on every promise were 4% of its CPU.
              const trace = logRequest(req, res, false);
              if (!draining && !hasNulInUrl(url)) {
                const own = [...headers.dataOnly, 'x-request-id', trace.requestId];
                for (const handler of front) if (handler.writesOwnHeaders && handler.handle(req, res, own)) return labelRoute(req, handler.route);
              }
              // anything else there (another method, a refusal) is answered like any other request, headers set first
              headers.set(req, res);
              res.setHeader('x-request-id', trace.requestId);
              answer(req, res, nest);
            },
          ),
      }),
      { logger: newsroomLogger(config) },
    );
    front = options.frontHandlers?.(app, config) ?? [];
    traceNestRequests(app);
    await options.mount?.(app, config);
    app.setViewEngine(options.viewEngine(config));
    app.useGlobalPipes(newsroomValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    drainOnSignals(app, logger, config.NEWSROOM_SHUTDOWN_TIMEOUT_MS, () => (draining = true));
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle('Newsroom').setDescription(options.description).setVersion('1').addBearerAuth().build(),
    );
    options.document?.(document);
    describeValidation(document);
    describeRequestIds(document);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', ...options.swaggerOptions?.(config) });
    // Nest registers its body parsers in init(); the JSON one is then replaced by the depth-bounded one
    await app.init();
    useBoundedJsonParser(app.getHttpAdapter().getInstance(), config.NEWSROOM_BODY_LIMIT_BYTES);
    await app.listen(config.PORT, config.HOST);
    logger.log(`${options.name} listening on http://${config.HOST}:${config.PORT} (docs at /docs, pid ${process.pid})`);
  } catch (error) {
    reportStartupFailure(logger, error);
    process.exit(1);
  }
}
