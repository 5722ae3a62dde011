import { request } from 'node:http';
import { ApiClient, createStaff, ensureRubric, freePort, insertArticle, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

/** The headers every answer must carry, whichever part of which app gave it. */
function expectHardened(headers: Headers, where: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  expect({ where, csp }).toEqual({ where, csp: expect.stringContaining("frame-ancestors 'none'") });
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('permissions-policy')).toContain('camera=()');
  expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(headers.get('x-powered-by')).toBeNull();
}

/** A request as Node sends it (fetch refuses a NUL in a URL, which a raw client does not). */
function rawGet(port: number, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security headers on every response (helmet at the front of both HTTP apps)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let slug: string;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    const reporter = await createStaff(admin, ['reporter']);
    slug = (await insertArticle({ authorId: reporter.id, status: 'published' })).slug;
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  it("puts them on the readers' pages, their cache hits, the public JSON and the errors, and the API set on the beacon", async () => {
    const api = newsroom.api;
    const miss = await api.get(`/berita/${slug}`);
    expect(miss.status).toBe(200);
    expectHardened(miss.headers, 'page');
    // the cache's hit is answered before Nest and Fastify: the same headers
    const hit = await api.get(`/berita/${slug}`);
    expect(hit.headers.get('x-origin-cache')).toBe('hit');
    expectHardened(hit.headers, 'cache hit');
    const revalidated = await api.request('GET', `/berita/${slug}`, undefined, { 'if-none-match': hit.headers.get('etag')! });
    expect(revalidated.status).toBe(304);
    expectHardened(revalidated.headers, '304');
    // the readers' origin goes to other sites, never the article's path
    expect(hit.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    // plain http here: no HSTS (a browser would then refuse the origin's http)
    expect(hit.headers.get('strict-transport-security')).toBeNull();
    expect(hit.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');

    for (const path of ['/', '/terbaru', '/populer', '/articles/latest', '/rubrics', '/berita/tidak-ada', '/health']) {
      expectHardened((await api.get(path)).headers, path);
    }
    // the beacon answers only data: the set for API responses, without a page's CSP sources and document-only headers
    // (the beacon writes them in its one writeHead with the request id; what else answers there finds them set)
    const beacon = await api.request('POST', '/views', { slug, visitorId: 'a'.repeat(32) }, { 'x-request-id': 'beacon-id-1' });
    expect(beacon.status).toBe(202);
    expect(beacon.headers.get('x-request-id')).toBe('beacon-id-1');
    const notJson = await fetch(`${newsroom.baseUrl}/views`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(notJson.status).toBe(415);
    const nulQuery = await api.post('/views?x=%00', { slug, visitorId: 'c'.repeat(32) });
    expect(nulQuery.status).toBe(400);
    for (const [where, headers] of [
      ['beacon', beacon.headers],
      ['beacon 400', (await api.post('/views', '{"slug":')).headers],
      ['beacon 415', notJson.headers],
      ['a NUL refused before the beacon', nulQuery.headers],
      ['batch beacon', (await api.post('/views/batch', [{ slug, visitorId: 'b'.repeat(32) }])).headers],
    ] as const) {
      expect([where, headers.get('content-security-policy')]).toEqual([where, "default-src 'none';frame-ancestors 'none'"]);
      expect([where, headers.get('x-request-id')]).toEqual([where, expect.stringMatching(/\S/)]);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
      for (const documentOnly of ['permissions-policy', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection', 'x-powered-by']) {
        expect([where, documentOnly, headers.get(documentOnly)]).toEqual([where, documentOnly, null]);
      }
    }
    const nul = await rawGet(newsroom.port, '/berita/a%00b');
    expect(nul.status).toBe(400);
    expect(nul.headers['x-content-type-options']).toBe('nosniff');
  });

  it('puts them on the desk and the staff API, with no Referer to other sites, through the site and on the gateway itself', async () => {
    for (const base of [newsroom.baseUrl, newsroom.staffUrl()]) {
      const login = await fetch(`${base}/desk/login`);
      expect(login.status).toBe(200);
      expectHardened(login.headers, `${base} desk login`);
      expect(login.headers.get('content-security-policy')).toContain("form-action 'self'");
      expect(login.headers.get('referrer-policy')).toBe('same-origin');
      const refused = await fetch(`${base}/drafts`);
      expect(refused.status).toBe(401);
      expectHardened(refused.headers, `${base} 401`);
      expect(refused.headers.get('referrer-policy')).toBe('same-origin');
    }
  });

  it('lets Swagger UI keep its inline styles at /docs, and nothing inline elsewhere', async () => {
    const docs = await newsroom.api.get('/docs');
    expect(docs.status).toBe(200);
    expectHardened(docs.headers, '/docs');
    expect(docs.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    const page = await newsroom.api.get('/');
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self';");
  });

  it('sends HSTS and upgrades insecure requests only when the public URL is https', async () => {
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'https', env: { PORT: String(port), NEWSROOM_PUBLIC_URL: 'https://portal.example' } });
    try {
      for (const url of [`http://127.0.0.1:${port}/berita/${slug}`, `${newsroom.staffUrl('https')}/desk/login`]) {
        const res = await fetch(url);
        expect(res.status).toBe(200);
        expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
      }
      // and on the beacon's answers, whose headers it writes itself
      const beacon = await fetch(`http://127.0.0.1:${port}/views`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug, visitorId: 'h'.repeat(32) }) });
      expect(beacon.status).toBe(202);
      expect(beacon.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await newsroom.stopApp('https');
    }
  });
});
