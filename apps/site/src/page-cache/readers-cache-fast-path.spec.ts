import { once } from 'node:events';
import { createServer, request as httpRequest, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SiteConfig } from '../site.config';
import { PublicReadRateLimiter } from '../rate-limit/readers-rate-limits.module';
import { cachedResponse, CachedResponse } from './cached-response';
import { ReadersCacheFastPath } from './readers-cache-fast-path';
import type { ReadersCache } from './readers-cache.service';
import { ReadersRoute } from './readers-routes';

const page = cachedResponse({
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body: '<p>halo</p>',
  lastModified: Date.parse('2026-02-21T17:10:00Z'),
  cacheControl: 'public, max-age=5',
  surrogateKeys: ['rubrics', 'article-1'],
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('the readers\' cache fast path', () => {
  let server: Server;
  let kept: Map<string, CachedResponse>;
  let asked: string[];
  let port: number;

  const start = async (limit = 100) => {
    kept = new Map();
    asked = [];
    const cache = {
      keptResponse: (_route: ReadersRoute, url: string) => {
        asked.push(url);
        return kept.get(url);
      },
    } as unknown as ReadersCache;
    const limiter = new PublicReadRateLimiter({ add: async (hits) => hits.map(([, n]) => ({ total: n, ttlMs: 60_000 })) }, { limit, windowMs: 60_000, flushEveryMs: 1000 });
    const fastPath = new ReadersCacheFastPath(cache, limiter, { trustedProxies: [] } as unknown as SiteConfig);
    server = createServer((req, res) => {
      if (!fastPath.serve(req, res)) res.writeHead(599, { 'x-fell-through': '1' }).end('nest');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  };
  afterEach(() => new Promise((done) => server.close(done)));

  const send = (method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('answers a hit with the kept body and the headers Nest sends', async () => {
    await start();
    kept.set('/berita/a?utm_source=x', page);
    const answer = await send('GET', '/berita/a?utm_source=x');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('<p>halo</p>');
    expect(answer.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(page.body.length),
      'cache-control': 'public, max-age=5',
      etag: page.etag,
      'last-modified': 'Sat, 21 Feb 2026 17:10:00 GMT',
      'surrogate-key': 'rubrics article-1',
      'x-origin-cache': 'hit',
    });
  });

  it('answers HEAD with the headers and no body', async () => {
    await start();
    kept.set('/berita/a', page);
    const answer = await send('HEAD', '/berita/a');
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('');
    expect(answer.headers['content-length']).toBe(String(page.body.length));
    expect(answer.headers.etag).toBe(page.etag);
  });

  it('answers 304 without a body to a matching If-None-Match or If-Modified-Since, 200 otherwise', async () => {
    await start();
    kept.set('/berita/a', page);
    const byTag = await send('GET', '/berita/a', { 'if-none-match': page.etag });
    expect(byTag.status).toBe(304);
    expect(byTag.body).toBe('');
    expect(byTag.headers).toMatchObject({ etag: page.etag, 'x-origin-cache': 'hit', 'cache-control': 'public, max-age=5' });
    expect((await send('HEAD', '/berita/a', { 'if-modified-since': 'Sat, 21 Feb 2026 17:10:00 GMT' })).status).toBe(304);
    expect((await send('GET', '/berita/a', { 'if-none-match': '"lain"' })).status).toBe(200);
  });

  it('leaves to Nest a miss, another method, a path it does not know and a refused query, without answering', async () => {
    await start();
    kept.set('/berita/a', page);
    expect((await send('GET', '/berita/b')).status).toBe(599);
    expect((await send('POST', '/berita/a')).status).toBe(599);
    expect((await send('DELETE', '/berita/a')).status).toBe(599);
    expect((await send('GET', '/health')).status).toBe(599);
    expect((await send('GET', '/articles/latest?utm_source=x')).status).toBe(599);
    // only the miss and the known route were looked up
    expect(asked).toEqual(['/berita/b']);
  });

  it('limits hits per client address, answering 429 in the contract\'s shape with Retry-After', async () => {
    await start(2);
    kept.set('/berita/a', page);
    expect((await send('GET', '/berita/a')).status).toBe(200);
    expect((await send('GET', '/berita/a')).status).toBe(200);
    const limited = await send('GET', '/berita/a');
    expect(limited.status).toBe(429);
    expect(JSON.parse(limited.body)).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // a miss is not counted here: Nest's guard counts it
    expect((await send('GET', '/berita/b')).status).toBe(599);
  });
});
