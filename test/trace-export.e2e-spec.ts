import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { createStaff, ensureRubric, eventually, freePort, insertArticle, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';

/** A span as OTLP/HTTP's JSON encoding carries it (ids in hex). */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: { key: string; value: OtlpValue }[] }[] }[];
  }[];
}

const valueOf = (v: OtlpValue) => v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined);

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CLIENT_SPAN = 'b7ad6b7169203331';

/**
 * OpenTelemetry export (issue 16), switched on by NEWSROOM_OTEL_ENDPOINT
 * only: a real OTLP/HTTP exporter in each app sending to a collector stand-in
 * (an HTTP server taking the JSON the exporter posts to /v1/traces). One
 * claim's journey, from the site in front through the gateway to the review
 * service's jobs, is one trace whose spans are each other's parents.
 */
describe('OpenTelemetry export of requests and jobs (NEWSROOM_OTEL_ENDPOINT)', () => {
  let newsroom: NewsroomProcesses;
  let collector: Server;
  let editor: Staff;
  let reporter: Staff;
  const spans: ExportedSpan[] = [];
  const paths: string[] = [];

  beforeAll(async () => {
    await resetDatabase();
    collector = createServer((req, res) => {
      paths.push(`${req.method} ${req.url} ${req.headers['content-type']}`);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest;
        for (const rs of body.resourceSpans) {
          const service = String(valueOf(rs.resource.attributes.find((a) => a.key === 'service.name')!.value));
          for (const ss of rs.scopeSpans) {
            for (const s of ss.spans) {
              spans.push({
                service,
                traceId: s.traceId,
                spanId: s.spanId,
                parentSpanId: s.parentSpanId || undefined,
                name: s.name,
                kind: s.kind,
                attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
              });
            }
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    const port = await freePort();
    collector.listen(port, '127.0.0.1');
    await once(collector, 'listening');
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'review'], env: { NEWSROOM_OTEL_ENDPOINT: `http://127.0.0.1:${port}` } });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    [reporter, editor] = await Promise.all([createStaff(admin, ['reporter']), createStaff(admin, ['editor'])]);
  });

  afterAll(async () => {
    await newsroom?.stop();
    await new Promise((r) => collector?.close(r));
  });

  it("sends one trace for a claim: the site's span, the gateway's under it, the review service's jobs under that", async () => {
    const article = await insertArticle({ authorId: reporter.id, status: 'in_review', headline: 'Banjir Rob Surut di Pesisir Utara Jakarta' });
    const claimed = await editor.api.request('POST', `/review-queue/${article.id}/claim`, undefined, {
      'x-request-id': 'otel-claim-1',
      traceparent: `00-${TRACE_ID}-${CLIENT_SPAN}-01`,
    });
    expect(claimed.status).toBe(200);

    const ofTrace = () => spans.filter((s) => s.traceId === TRACE_ID);
    const site = () => ofTrace().find((s) => s.service === 'newsroom-site');
    const gateway = () => ofTrace().find((s) => s.service === 'newsroom-gateway');
    const job = () => ofTrace().find((s) => s.service === 'newsroom-review' && s.name === 'editorial-review announce-queue-change');
    await eventually(() => Boolean(site() && gateway() && job()), { timeoutMs: 10_000, what: 'the spans of the three apps' });

    // the site in front: a server span, child of the client's span
    expect(site()).toMatchObject({
      parentSpanId: CLIENT_SPAN,
      name: 'POST staff-forwarding',
      kind: 2, // SERVER
      attributes: expect.objectContaining({ 'http.request.method': 'POST', 'http.response.status_code': 200, 'newsroom.request_id': 'otel-claim-1' }),
    });
    // the gateway behind it, child of the site's span
    expect(gateway()).toMatchObject({
      parentSpanId: site()!.spanId,
      name: 'POST /review-queue/:articleId/claim',
      attributes: expect.objectContaining({ 'http.route': '/review-queue/:articleId/claim', 'newsroom.article_id': article.id, 'newsroom.request_id': 'otel-claim-1' }),
    });
    // the queue announcement the claim's outbox event became, in the review service: child of the gateway's span
    expect(job()).toMatchObject({
      parentSpanId: gateway()!.spanId,
      kind: 5, // CONSUMER
      attributes: expect.objectContaining({
        'messaging.system': 'bullmq',
        'messaging.destination.name': 'editorial-review',
        'newsroom.job.outcome': 'done',
        'newsroom.article_id': article.id,
        'newsroom.request_id': 'otel-claim-1',
      }),
    });
    expect(paths.every((p) => p.startsWith('POST /v1/traces application/json'))).toBe(true);
  });

  it('starts a new trace for a request that brings no traceparent', async () => {
    const res = await newsroom.api.request('GET', '/articles/latest', undefined, { 'x-request-id': 'otel-new-trace' });
    expect(res.status).toBe(200);
    await eventually(() => spans.some((s) => s.service === 'newsroom-site' && s.attributes['newsroom.request_id'] === 'otel-new-trace'), { timeoutMs: 10_000, what: 'the span' });
    const span = spans.find((s) => s.service === 'newsroom-site' && s.attributes['newsroom.request_id'] === 'otel-new-trace')!;
    expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.traceId).not.toBe(TRACE_ID);
    expect(span.parentSpanId).toBeUndefined();
  });
});
