import type { IncomingMessage, ServerResponse } from 'node:http';
import pinoHttp from 'pino-http';
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
 * went away): method, route, status, duration, request and article id. Set
 * up at the server's front, before any handler, so the readers' cache hits
 * and the beacon are logged like Nest's routes. The request id is echoed in
 * X-Request-Id, and the request's headers hold this hop's ids for whoever the
 * request is passed on to (the staff forwarding copies them).
 */
export function requestLog(logger: Logger): (request: IncomingMessage, response: ServerResponse) => TraceContext {
  const log = pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (req) => traceOfRequest(req).requestId,
    customAttributeKeys: { reqId: 'requestId' },
    // the line's own fields only: never the headers (cookies, tokens) pino-http would log
    serializers: { req: () => undefined, res: () => undefined },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, value: { responseTime?: number }) => lineOf(req, res, value.responseTime),
    customErrorObject: (req, res, _error, value: { responseTime?: number }) => lineOf(req, res, value.responseTime),
  });
  return (request, response) => {
    const trace = traceOfRequest(request);
    request.headers['x-request-id'] = trace.requestId;
    request.headers.traceparent = trace.traceparent;
    response.setHeader('x-request-id', trace.requestId);
    log(request, response);
    const span = spans.get(request);
    if (span) response.once('close', () => endSpan(span, request, response));
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
function endSpan(span: HopSpan, req: IncomingMessage, res: ServerResponse): void {
  const route = routes.get(req);
  const trace = traceOfRequest(req);
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
