import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { Agent, request } from 'undici';
import { EdgePurgeClient, EdgePurgeError } from '@newsroom/edge-cache';
import { eventually, freePort, sleep, VarnishProcess } from '@newsroom/testing';

/**
 * The edge policy (deploy/varnish/default.vcl) in a real Varnish, in front of
 * a small origin started here that answers the way the readers' side does:
 * Cache-Control with s-maxage and Surrogate-Key. What readers and the desk
 * would notice: pages served from the edge, dropped by key within 1 s, and
 * nothing private or staff-only ever shared.
 */

const PAGE_CACHE = 'public, max-age=5, s-maxage=60, stale-while-revalidate=30';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** The origin: counts what reaches it (health probes aside) and renders a numbered page each time. */
class Origin {
  readonly seen: Seen[] = [];
  sick = false;
  private renders = 0;
  private server!: Server;
  port!: number;

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((req, res) => {
      if (req.url === '/health') {
        res.writeHead(this.sick ? 503 : 200).end();
        return;
      }
      this.seen.push({ method: req.method!, url: req.url!, headers: req.headers });
      if (this.sick) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('origin down');
        return;
      }
      const path = req.url!.split('?')[0];
      const render = `${req.method} ${req.url} render ${++this.renders}`;
      if (req.method === 'POST') {
        res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      } else if (path.startsWith('/private/')) {
        res.writeHead(200, { 'cache-control': 'private, no-store' }).end(render);
      } else if (path.startsWith('/short/')) {
        // fresh for 1 s; stale allowed only while the origin is failing
        res.writeHead(200, { 'cache-control': 'public, max-age=1, s-maxage=1, stale-if-error=60', 'surrogate-key': 'short' }).end(render);
      } else {
        // everything else, staff paths included, claims to be a public page:
        // the edge must still refuse the staff ones on its own
        const keys = path.startsWith('/rubrik/ekonomi') ? 'rubric-ekonomi' : 'article-1 rubric-dunia home';
        res.writeHead(200, { 'cache-control': PAGE_CACHE, 'surrogate-key': keys, 'content-type': 'text/html' }).end(render);
      }
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
  }

  hits(path: string): number {
    return this.seen.filter((s) => s.url === path).length;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const closed = new Promise((resolve) => this.server.close(resolve));
    this.server.closeAllConnections();
    await closed;
  }
}

describe('edge cache (Varnish with deploy/varnish/default.vcl)', () => {
  const origin = new Origin();
  let varnish: VarnishProcess;
  let purger: EdgePurgeClient;

  async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
    const res = await request(`${varnish.baseUrl}${path}`, { method: method as 'GET', headers });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  }

  beforeAll(async () => {
    await origin.start();
    // only 127.0.0.1 may purge: 127.0.0.5 stands for anyone else
    varnish = await VarnishProcess.start({ originPort: origin.port, purgers: ['127.0.0.1'] });
    purger = new EdgePurgeClient(`${varnish.baseUrl}/`, { timeoutMs: 2_000 });
  });

  afterAll(async () => {
    await varnish?.stop();
    await origin.stop();
  });

  it('serves a public page from the edge after the first request, without the surrogate keys', async () => {
    const first = await get('/berita/satu');
    expect(first.status).toBe(200);
    expect(first.headers['x-cache']).toBe('MISS');
    const second = await get('/berita/satu');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
    expect(origin.hits('/berita/satu')).toBe(1);
    // readers get the origin's Cache-Control but never the purge keys
    expect(second.headers['cache-control']).toBe(PAGE_CACHE);
    expect(second.headers['surrogate-key']).toBeUndefined();
    expect(second.headers.xkey).toBeUndefined();
  });

  it('drops every page tagged with a purged key at once, and only those', async () => {
    await get('/berita/dua');
    await get('/rubrik/ekonomi');
    expect((await get('/berita/dua')).headers['x-cache']).toBe('HIT');
    expect((await get('/rubrik/ekonomi')).headers['x-cache']).toBe('HIT');

    const started = Date.now();
    const { purged } = await purger.purge(['article-1']);
    const after = await get('/berita/dua');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.text).toMatch(/render \d+$/);
    expect(origin.hits('/berita/dua')).toBe(2);
    // a page with other keys stays cached
    expect((await get('/rubrik/ekonomi')).headers['x-cache']).toBe('HIT');
    expect(origin.hits('/rubrik/ekonomi')).toBe(1);
  });

  it('never caches private, no-store answers', async () => {
    const first = await get('/private/draft');
    const second = await get('/private/draft');
    expect(second.text).not.toBe(first.text);
    expect(second.headers['x-cache']).not.toBe('HIT');
    expect(origin.hits('/private/draft')).toBe(2);
  });

  it.each(['/desk/articles', '/desk', '/auth/me', '/drafts/1', '/review-queue', '/users', '/webhooks', '/metrics', '/docs', '/articles/1/history'])(
    'never caches the staff path %s, whatever the origin says',
    async (path) => {
      await get(path);
      const second = await get(path);
      expect(second.headers['x-cache']).toBe('PASS');
      expect(origin.hits(path)).toBe(2);
    },
  );

  it('sends a staff member (session cookie or bearer token) to the origin, with their credentials', async () => {
    await get('/berita/tiga');
    expect((await get('/berita/tiga')).headers['x-cache']).toBe('HIT');

    const withCookie = await get('/berita/tiga', { cookie: '_ga=GA1.1; newsroom_session=abc.def' });
    expect(withCookie.headers['x-cache']).toBe('PASS');
    const withToken = await get('/berita/tiga', { authorization: 'Bearer abc.def' });
    expect(withToken.headers['x-cache']).toBe('PASS');

    const reached = origin.seen.filter((s) => s.url === '/berita/tiga');
    expect(reached).toHaveLength(3);
    expect(reached[1].headers.cookie).toContain('newsroom_session=abc.def');
    expect(reached[2].headers.authorization).toBe('Bearer abc.def');
  });

  it('serves readers with other cookies from the cache, and never forwards those cookies', async () => {
    await get('/berita/empat', { cookie: '_ga=GA1.1' });
    const again = await get('/berita/empat', { cookie: 'consent=yes' });
    expect(again.headers['x-cache']).toBe('HIT');
    const reached = origin.seen.filter((s) => s.url === '/berita/empat');
    expect(reached).toHaveLength(1);
    expect(reached[0].headers.cookie).toBeUndefined();
  });

  it('serves tracking-parameter variants from the same object', async () => {
    await get('/berita/lima');
    for (const query of ['?utm_source=x', '?utm_source=x&utm_medium=social', '?fbclid=abc', '?gclid=1&utm_campaign=z']) {
      expect((await get(`/berita/lima${query}`)).headers['x-cache']).toBe('HIT');
    }
    expect(origin.seen.filter((s) => s.url.startsWith('/berita/lima'))).toHaveLength(1);

    // parameters the page may use survive, tracking ones are gone, order does not matter
    await get('/rubrik/dunia?utm_source=x&page=2&sort=new');
    expect((await get('/rubrik/dunia?sort=new&page=2')).headers['x-cache']).toBe('HIT');
    expect(origin.seen.filter((s) => s.url.startsWith('/rubrik/dunia')).map((s) => s.url)).toEqual(['/rubrik/dunia?page=2&sort=new']);
  });

  it('refuses a PURGE from an address outside the purgers ACL and keeps the page', async () => {
    await get('/berita/enam');
    const outsider = new EdgePurgeClient(`${varnish.baseUrl}/`, { dispatcher: new Agent({ localAddress: '127.0.0.5' }) });
    const attempt = outsider.purge(['article-1']);
    await expect(attempt).rejects.toBeInstanceOf(EdgePurgeError);
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    expect((await get('/berita/enam')).headers['x-cache']).toBe('HIT');
    expect(origin.hits('/berita/enam')).toBe(1);
  });

  it('answers a PURGE without keys with 400 and purges nothing', async () => {
    await get('/berita/tujuh');
    const res = await get('/', {}, 'PURGE');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ statusCode: 400 });
    expect((await get('/berita/tujuh')).headers['x-cache']).toBe('HIT');
  });

  it('lets every view beacon reach the origin', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await get('/views', { 'content-type': 'application/json' }, 'POST');
      expect(res.status).toBe(202);
    }
    expect(origin.seen.filter((s) => s.method === 'POST' && s.url === '/views')).toHaveLength(3);
  });

  it('refetches an expired page while the origin is healthy, and serves it stale (stale-if-error) when the origin fails', async () => {
    const first = await get('/short/page');
    await sleep(1_500);
    // past s-maxage, no stale-while-revalidate: a healthy origin renders again
    const second = await get('/short/page');
    expect(second.headers['x-cache']).toBe('MISS');
    expect(second.text).not.toBe(first.text);
    expect(origin.hits('/short/page')).toBe(2);

    origin.sick = true;
    try {
      await sleep(1_500);
      // the origin answers 500: readers get the last good page, not the error,
      // both before and after the health probe marks the origin sick
      for (let i = 0; i < 4; i++) {
        const stale = await get('/short/page');
        expect(stale.status).toBe(200);
        expect(stale.headers['x-cache']).toBe('STALE');
        expect(stale.text).toBe(second.text);
        if (i === 0) expect(origin.hits('/short/page')).toBe(3);
        await sleep(1_500);
      }
    } finally {
      origin.sick = false;
    }
  });
});
