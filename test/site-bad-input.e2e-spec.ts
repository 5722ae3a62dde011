import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { ApiClient, createStaff, ensureRubric, eventually, insertArticle, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

/** What an HTTP client that does not tidy up paths (as fetch does) gets back. */
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * The readers' side probed as a scanner would: made-up, overlong and
 * malformed addresses, traversal, huge and random query strings, odd methods.
 * Every answer is a 4xx (never a 5xx), nothing that does not exist is
 * rendered per address, and nothing such a request leaves in the replica
 * cache can reach a later reader or push out the pages readers read.
 */
describe('bad input on the readers\' side (gateway, real Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let port: number;
  let hot: string;
  const statuses: { path: string; status: number }[] = [];

  /** A request sent as written: the path is neither normalized nor re-encoded. */
  function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { connection: 'close', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const response = { status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() };
          statuses.push({ path: `${method} ${path.slice(0, 80)}`, status: response.status });
          resolve(response);
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  /**
   * The status and body for bytes Node's own client refuses to send (an
   * unknown method, raw non-ASCII) or that the server stops reading (a URL
   * over its header limit: it answers, then resets the connection).
   */
  function rawBytes(requestLine: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('connect', () => socket.end(Buffer.concat([requestLine, Buffer.from('\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')])));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      // a reset after the answer: what arrived before it is the answer
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        const response = Buffer.concat(chunks).toString('latin1');
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
        statuses.push({ path: requestLine.toString('latin1').slice(0, 80), status });
        resolve({ status, text: response.slice(response.indexOf('\r\n\r\n') + 4) });
      });
    });
  }

  /** One figure of this replica's cache from /metrics: `responses` (what readers read) or `not_found_pages`. */
  async function cacheFigure(name: string, cache: 'responses' | 'not_found_pages'): Promise<number> {
    const metrics = (await newsroom.api.get('/metrics')).text;
    const line = metrics.split('\n').find((l) => l.startsWith(`newsroom_site_cache_${name}{cache="${cache}"}`));
    return Number(line?.split(' ')[1] ?? NaN);
  }

  const randomSlug = () => `kabar-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({
      apps: ['gateway'],
      env: {
        // small, so that the scan fills the 404 store many times over (an eighth: 512 kB)
        NEWSROOM_SITE_CACHE_MAX_BYTES: String(4 * 1024 * 1024),
        // the hot page must not expire during the scan: a miss then would say nothing about eviction
        NEWSROOM_SITE_CACHE_TTL_SECONDS: '600',
      },
    });
    port = Number(new URL(newsroom.api.baseUrl).port);
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    const reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    hot = (await insertArticle({ authorId: reporter.id, status: 'published', headline: `Harga Beras Turun ${randomBytes(3).toString('hex')}` })).slug;
    expect((await raw('GET', `/berita/${hot}`)).status).toBe(200);
  });
  afterAll(() => newsroom?.stop());

  afterEach(() => {
    // whatever a test sent: a 5xx is never the answer to bad input
    expect(statuses.filter((s) => s.status >= 500 || s.status === 0)).toEqual([]);
    statuses.length = 0;
  });

  it.each([
    ['path traversal, encoded', '/berita/..%2f..%2fetc%2fpasswd'],
    ['a dot-dot slug', '/berita/%2e%2e'],
    ['upper case', '/berita/HARGA-BERAS'],
    ['a space', '/berita/harga%20beras'],
    ['a non-ASCII letter', '/berita/kaf%C3%A9'],
    ['a leading hyphen', '/berita/-harga'],
    ['a double hyphen', '/berita/harga--beras'],
    ['a rubric with a traversal', '/rubrik/..%2fadmin'],
    ['a rubric in upper case', '/rubrik/DUNIA'],
  ])('answers %s with the site\'s 404 page, one shared entry for all of them', async (_what, path) => {
    const entriesBefore = await cacheFigure('entries', 'not_found_pages');
    const page = await raw('GET', path);
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('noindex');
    // it names no address (a 404 has no canonical one), so one page serves every such address
    expect(page.text).not.toContain('rel="canonical"');
    expect(page.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+$/);
    expect(await cacheFigure('entries', 'not_found_pages')).toBeLessThanOrEqual(Math.max(entriesBefore, 1));
    expect((await raw('GET', path)).headers['x-origin-cache']).toBe('hit');
  });

  it.each([
    ['an overlong UTF-8 dot', '/berita/%c0%ae%c0%ae'],
    ['a lone continuation byte', '/berita/%80'],
    ['a truncated sequence', '/articles/%e2%82'],
    ['a broken escape', '/berita/%zz'],
  ])('refuses %s with a 400, before any lookup', async (_what, path) => {
    const res = await raw('GET', path);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toEqual({ statusCode: 400, error: 'Bad Request', message: 'the URL has a malformed percent-encoding', code: 'URL.MALFORMED' });
  });

  it('answers a 10 kB slug with a 414 and a huge query string with a 431, and keeps nothing of either', async () => {
    const entries = await cacheFigure('entries', 'responses');
    const missing = await cacheFigure('entries', 'not_found_pages');
    for (const prefix of ['/berita/', '/rubrik/', '/articles/']) {
      const res = await raw('GET', `${prefix}${'a'.repeat(10 * 1024)}`);
      expect(res.status).toBe(414);
      // the contract's shape, and not the 10 kB sent back
      expect(JSON.parse(res.text)).toEqual({ statusCode: 414, error: 'URI Too Long', message: 'a part of the URL path is too long', code: 'URL.SEGMENT_TOO_LONG' });
    }
    const huge = await rawBytes(Buffer.from(`GET /berita/${hot}?q=${'x'.repeat(100 * 1024)} HTTP/1.1`));
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.text)).toEqual(expect.objectContaining({ statusCode: 431, error: 'Request Header Fields Too Large' }));
    expect((await rawBytes(Buffer.from(`GET /articles/latest?rubric=${'x'.repeat(100 * 1024)} HTTP/1.1`))).status).toBe(431);
    // under Node's header limit, the query is merely long: the page from the cache
    const long = await raw('GET', `/berita/${hot}?q=${'x'.repeat(12 * 1024)}`);
    expect(long.status).toBe(200);
    expect(long.headers['x-origin-cache']).toBe('hit');
    expect((await raw('GET', `/articles/latest?rubric=${'x'.repeat(10 * 1024)}`)).status).toBe(400);
    expect(await cacheFigure('entries', 'responses')).toBe(entries);
    expect(await cacheFigure('entries', 'not_found_pages')).toBeLessThanOrEqual(missing + 1);
  });

  it('serves random query parameters and every spelling of a page\'s path from the one entry', async () => {
    await raw('GET', '/populer');
    await raw('GET', '/articles/latest?rubric=dunia');
    const entries = await cacheFigure('entries', 'responses');
    for (let i = 0; i < 100; i++) {
      const noise = `${randomBytes(4).toString('hex')}=${randomBytes(8).toString('hex')}&utm_source=${i}`;
      for (const path of [`/berita/${hot}?${noise}`, `/populer?${noise}`, `/populer?window=${randomBytes(4).toString('hex')}`]) {
        const res = await raw('GET', path);
        expect(res.status).toBe(200);
        expect(res.headers['x-origin-cache']).toBe('hit');
      }
      // the JSON API refuses parameters it does not know (the contract's 400), and keeps nothing of them
      expect((await raw('GET', `/articles/latest?rubric=dunia&${noise}`)).status).toBe(400);
    }
    // unreserved characters percent-encoded are the same page (RFC 3986), and its canonical link is the plain one
    const spelled = await raw('GET', `/%62erita/${hot.replace(/^h/, '%68').replace(/-/, '%2D')}`);
    expect(spelled.status).toBe(200);
    expect(spelled.headers['x-origin-cache']).toBe('hit');
    expect(spelled.text).toContain(`/berita/${hot}"`);
    expect(await cacheFigure('entries', 'responses')).toBe(entries);
  });

  it('keeps a scan of random slugs in the 404 store: bounded, and the hot page stays a hit throughout', async () => {
    const entries = await cacheFigure('entries', 'responses');
    const evictionsOfPages = await cacheFigure('evictions_total', 'responses');
    const paths = Array.from({ length: 3000 }, (_, i) => ['/berita/', '/rubrik/', '/articles/'][i % 3] + randomSlug());
    for (let i = 0; i < paths.length; i += 20) {
      const batch = await Promise.all(paths.slice(i, i + 20).map((path) => raw('GET', path)));
      for (const res of batch) expect(res.status).toBe(404);
      if (i % 400 === 0) expect((await raw('GET', `/berita/${hot}`)).headers['x-origin-cache']).toBe('hit');
    }
    expect((await raw('GET', `/berita/${hot}`)).headers['x-origin-cache']).toBe('hit');
    expect(await cacheFigure('entries', 'responses')).toBe(entries);
    expect(await cacheFigure('evictions_total', 'responses')).toBe(evictionsOfPages);
    // 512 kB of 404s: far fewer than the 3,000 addresses asked for
    const kept = await cacheFigure('entries', 'not_found_pages');
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(600);
    expect(await cacheFigure('bytes', 'not_found_pages')).toBeLessThanOrEqual(512 * 1024);
  });

  it('answers a missing article\'s JSON with a 404 kept briefly under its slug, and an impossible slug\'s without keeping anything', async () => {
    const slug = randomSlug();
    const first = await raw('GET', `/articles/${slug}`);
    expect(first.status).toBe(404);
    expect(JSON.parse(first.text)).toEqual({ statusCode: 404, error: 'Not Found', message: 'no such published article', code: 'ARTICLE.NOT_FOUND' });
    expect(first.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+$/);
    expect(first.headers['surrogate-key']).toBe(`missing-${slug}`);
    const again = await raw('GET', `/articles/${slug}`);
    expect(again.status).toBe(404);
    expect(again.headers['x-origin-cache']).toBe('hit');

    const missing = await cacheFigure('entries', 'not_found_pages');
    for (const path of ['/articles/..%2f..%2fetc%2fpasswd', '/articles/Harga-Beras', '/articles/a%20b', `/articles/${'a'.repeat(99)}%21`]) {
      const res = await raw('GET', path);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text)).toEqual(expect.objectContaining({ statusCode: 404, code: 'ARTICLE.NOT_FOUND' }));
      expect(res.headers['x-origin-cache']).toBeUndefined();
    }
    expect(await cacheFigure('entries', 'not_found_pages')).toBeLessThanOrEqual(missing);
  });

  it('answers an unknown rubric with a 404 that a new rubric of that name replaces at once', async () => {
    const rubric = `rubrik-${randomBytes(3).toString('hex')}`;
    for (const path of [`/articles/latest?rubric=${rubric}`, `/articles/popular?rubric=${rubric}`, `/rubrik/${rubric}`]) {
      expect((await raw('GET', path)).status).toBe(404);
      expect((await raw('GET', path)).headers['x-origin-cache']).toBe('hit');
    }
    expect((await admin.post('/rubrics', { slug: rubric, name: 'Baru' })).status).toBe(201);
    for (const path of [`/articles/latest?rubric=${rubric}`, `/articles/popular?rubric=${rubric}`, `/rubrik/${rubric}`]) {
      expect((await raw('GET', path)).status).toBe(200);
    }
  });

  it('answers HEAD like GET without a body, and odd methods with a 4xx', async () => {
    // The test before added a rubric, which is in every page's menu: its announcement may re-render the page between
    // a GET and a HEAD. Once the page has settled, the two must be the same answer.
    const [get, head] = await eventually(async () => {
      const pair = [await raw('GET', `/berita/${hot}`), await raw('HEAD', `/berita/${hot}`)] as const;
      return pair[0].headers.etag === pair[1].headers.etag ? pair : undefined;
    }, { what: 'GET and HEAD of a settled page to carry the same ETag' });
    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect((await raw('HEAD', `/berita/${randomSlug()}`)).status).toBe(404);
    expect((await raw('HEAD', '/berita/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'TRACE']) {
      const res = await raw(method, `/berita/${hot}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
    expect((await rawBytes(Buffer.from(`FOO /berita/${hot} HTTP/1.1`))).status).toBe(400);
    // raw bytes outside ASCII in the request line: refused by the HTTP parser
    expect((await rawBytes(Buffer.concat([Buffer.from('GET /berita/'), Buffer.from([0xc0, 0xae, 0xff]), Buffer.from(' HTTP/1.1')]))).status).toBe(400);
    expect((await rawBytes(Buffer.concat([Buffer.from('GET /berita/kaf'), Buffer.from([0xe9]), Buffer.from(' HTTP/1.1')]))).status).toBe(400);
  });
});
