import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { ApiClient, createStaff, ensureRubric, eventually, freePort, insertArticle, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';

/** The JSON lines an app wrote (LOG_FORMAT=json), parsed. */
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

describe("one article's journey in the logs: request ids and traces across the apps", () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let editor: Staff;
  let receiver: Server;
  const deliveries: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    await resetDatabase();
    receiver = createServer((req, res) => {
      deliveries.push(req.headers);
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    const port = await freePort();
    receiver.listen(port, '127.0.0.1');
    await once(receiver, 'listening');
    newsroom = await NewsroomProcesses.start({
      // the review service does the journey's queued work (the claim's expiry, the webhook); fewer processes start faster on a busy CI
      apps: ['gateway', 'review'],
      env: { LOG_FORMAT: 'json', LOG_LEVEL: 'log', NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' },
    });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    [reporter, editor] = await Promise.all([createStaff(admin, ['reporter']), createStaff(admin, ['editor', 'scheduler'])]);
    const hook = await admin.post('/webhooks', { url: `http://127.0.0.1:${port}/hooks`, events: ['article.published'], secret: 'rahasia-yang-cukup-panjang' });
    expect(hook.status).toBe(201);
  });

  afterAll(async () => {
    await newsroom?.stop();
    await new Promise((r) => receiver?.close(r));
  });

  it('logs one line per request with method, route, status and duration, and echoes the request id', async () => {
    const res = await newsroom.api.request('GET', '/articles/latest', undefined, { 'x-request-id': 'reader-req-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('reader-req-1');
    const made = await newsroom.api.get('/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // a malformed id is not taken (it would be echoed and logged)
    expect((await newsroom.api.request('GET', '/health', undefined, { 'x-request-id': 'a b' })).headers.get('x-request-id')).not.toBe('a b');
    await eventually(() => {
      const line = jsonLines(newsroom.logs('gateway')).find((l) => l.requestId === 'reader-req-1' && l.msg === 'request completed');
      expect(line).toMatchObject({ method: 'GET', route: '/articles/latest', status: 200, durationMs: expect.any(Number) });
      return true;
    });
    // the headers (cookies, tokens) are never logged
    expect(newsroom.logs('gateway')).not.toMatch(/authorization|cookie/i);
  });

  it('describes the request id, the traceparent and the queue dashboard in both apps\' OpenAPI documents', async () => {
    for (const base of [newsroom.baseUrl, newsroom.staffUrl()]) {
      const docs = (await new ApiClient(base).get('/docs/openapi.json')).body;
      expect(docs.components.parameters.RequestId).toMatchObject({ name: 'X-Request-Id', in: 'header', required: false });
      expect(docs.components.parameters.TraceParent).toMatchObject({ name: 'traceparent', in: 'header' });
      for (const [path, item] of Object.entries<Record<string, { parameters?: { $ref?: string }[]; responses: Record<string, { headers?: object }> }>>(docs.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          expect([path, method, operation.parameters]).toEqual([path, method, expect.arrayContaining([{ $ref: '#/components/parameters/RequestId' }])]);
          for (const [status, response] of Object.entries(operation.responses)) {
            expect([path, method, status, response.headers]).toEqual([path, method, status, expect.objectContaining({ 'X-Request-Id': { $ref: '#/components/headers/RequestId' } })]);
          }
        }
      }
    }
    const staffDocs = (await new ApiClient(newsroom.staffUrl()).get('/docs/openapi.json')).body;
    expect(Object.keys(staffDocs.paths['/desk/queues'].get.responses)).toEqual(['200', '401', '403']);
  });

  it('carries the request id and trace from a claim to the review service, and from publishing to the webhook', async () => {
    const article = await insertArticle({ authorId: reporter.id, status: 'in_review', headline: 'Sungai Citarum Kembali Jernih Setelah Program Pembersihan' });
    const id = article.id;
    const claimed = await editor.api.request('POST', `/review-queue/${id}/claim`, undefined, {
      'x-request-id': 'claim-req-1',
      traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01`,
    });
    expect(claimed.status).toBe(200);
    // the site in front (which passed it on) and the gateway behind it each log the request, under the same ids
    await eventually(() => {
      const lines = jsonLines(newsroom.logs('gateway')).filter((l) => l.requestId === 'claim-req-1' && l.msg === 'request completed');
      expect(lines).toContainEqual(expect.objectContaining({ route: 'staff-forwarding', status: 200, traceId: TRACE_ID }));
      expect(lines).toContainEqual(expect.objectContaining({ route: '/review-queue/:articleId/claim', status: 200, articleId: id, traceId: TRACE_ID }));
      return true;
    });
    // the review service's lines about the claim's jobs (the queue's announcement) carry the claiming request's ids and the article's
    const review = await eventually(() => {
      const lines = jsonLines(newsroom.logs('review')).filter((l) => l.requestId === 'claim-req-1');
      return lines.length > 0 ? lines : undefined;
    });
    for (const line of review) expect(line).toMatchObject({ articleId: id, traceId: TRACE_ID, jobId: expect.any(String) });

    const approved = await editor.api.post(`/review-queue/${id}/approve`, { version: article.version });
    expect(approved.status).toBe(200);
    const published = await editor.api.request('POST', `/articles/${id}/publish`, {}, { 'x-request-id': 'publish-req-1', traceparent: `00-${TRACE_ID}-1111111111111111-01` });
    expect(published.status).toBe(200);
    const delivery = await eventually(() => deliveries.find((h) => h['x-newsroom-event'] === 'article.published'));
    expect(delivery['x-request-id']).toBe('publish-req-1');
    expect(String(delivery.traceparent)).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    await eventually(() => jsonLines(newsroom.logs('review')).some((l) => l.requestId === 'publish-req-1' && l.articleId === id && /deliver-webhook done/.test(String(l.msg))));
  });
});
