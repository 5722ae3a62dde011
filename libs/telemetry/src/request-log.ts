import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { HopSpan, startHopSpan } from './span-export';
import { TraceContext, traceFromHeaders, traceIdOf } from './trace-context';

const traces = new WeakMap<IncomingMessage, TraceContext>();
const routes = new WeakMap<IncomingMessage, string>();
/** the request's exported span, when NEWSROOM_OTEL_ENDPOINT is set */
const spans = new WeakMap<IncomingMessage, HopSpan>();

/** The trace of a request, as the server's front made it. */
export function traceOfRequest(request: IncomingMessage): TraceContext {
  let trace = traces.get(request);
  if (!trace) {
    const span = startHopSpan('server', typeof request.headers.traceparent === 'string' ? request.headers.traceparent : undefined);
    if (span) spans.set(request, span);
    trace = traceFromHeaders(request.headers, span?.traceparent);
    traces.set(request, trace);
  }
  return trace;
}

/** Names what answered the request in its log line: Nest's route pattern, or the handler in front of Nest. */
export function labelRoute(request: IncomingMessage, route: string): void {
  routes.set(request, route);
}

/**
 * One log line per request when its response is finished (or the client
 * went away): method, route, status, duration, request and article id, at
 * `info`, `error` for a 5xx. Set up at the server's front, before any
 * handler, so the readers' cache hits and the beacon are logged like Nest's
 * routes. The request id is echoed in X-Request-Id (set here, or, with
 * `echoId` false, written by the answer itself with the rest of its headers),
 * and the request's headers hold this hop's ids for whoever the request is
 * passed on to (the staff forwarding copies them).
 *
 * Written on pino directly rather than through pino-http: pino-http makes two
 * child loggers for every request (for `req.log`, which nothing here reads),
 * and on the view beacon that was 5% of the site's CPU (bench:views' probe
 * profile); a line costs nothing at all when its level is off.
 */
export function requestLog(logger: Logger): (request: IncomingMessage, response: ServerResponse, echoId?: boolean) => TraceContext {
  return (request, response, echoId = true) => {
    const trace = traceOfRequest(request);
    request.headers['x-request-id'] = trace.requestId;
    request.headers.traceparent = trace.traceparent;
    if (echoId) response.setHeader('x-request-id', trace.requestId);
    const started = Date.now();
    response.once('close', () => {
      const failed = response.statusCode >= 500;
      const level = failed ? 'error' : 'info';
      if (logger.isLevelEnabled(level)) {
        logger[level]({ requestId: trace.requestId, ...lineOf(request, response, Date.now() - started) }, failed ? 'request failed' : 'request completed');
      }
      const span = spans.get(request);
      if (span) endSpan(span, trace, request, response);
    });
    return trace;
  };
}

function lineOf(req: IncomingMessage, res: ServerResponse, responseTime: number | undefined): Record<string, unknown> {
  const trace = traceOfRequest(req);
  return {
    method: req.method,
    // the route's pattern, never the path or query: those hold what a client typed (the ids in a pattern's place are the line's articleId)
    route: routes.get(req),
    status: res.writableFinished ? res.statusCode : `${res.statusCode} (client went away)`,
    durationMs: responseTime,
    traceId: traceIdOf(trace.traceparent),
    articleId: trace.articleId,
  };
}

/** The request's span gets what its log line says, under OpenTelemetry's names for HTTP. */
function endSpan(span: HopSpan, trace: TraceContext, req: IncomingMessage, res: ServerResponse): void {
  const route = routes.get(req);
  span.end(
    `${req.method} ${route ?? ''}`.trim(),
    {
      'http.request.method': req.method,
      'http.route': route,
      'http.response.status_code': res.statusCode,
      'newsroom.request_id': trace.requestId,
      'newsroom.article_id': trace.articleId,
      ...(res.writableFinished ? {} : { 'newsroom.client_went_away': 'true' }),
    },
    res.statusCode >= 500,
  );
}
