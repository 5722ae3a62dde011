import { once } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { EdgePurgeClient, EdgePurgeError } from './edge-purge-client';

/** A stand-in edge: records each request and answers with `reply`. */
async function fakeEdge(reply: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: { method?: string; url?: string; headers: IncomingMessage['headers'] }[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, headers: req.headers });
    reply(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // a request left hanging on purpose must not keep the server open
      server.closeAllConnections();
    });
  return { url, seen, close };
}

const purged = (n: number) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'xkey-purged': String(n), 'content-type': 'application/json' }).end(`{"purged":${n}}`);
};

describe('EdgePurgeClient', () => {
  let edge: Awaited<ReturnType<typeof fakeEdge>> | undefined;
  afterEach(async () => {
    await edge?.close();
    edge = undefined;
  });

  it('sends PURGE with the keys in xkey-purge and returns the count the edge confirmed', async () => {
    edge = await fakeEdge(purged(3));
    const result = await new EdgePurgeClient(edge.url).purge(['article-1', 'rubric-dunia', 'article-1']);
    expect(result).toEqual({ purged: 3 });
    expect(edge.seen).toHaveLength(1);
    expect(edge.seen[0].method).toBe('PURGE');
    expect(edge.seen[0].headers['xkey-purge']).toBe('article-1 rubric-dunia');
  });

  it('asks for a soft purge when configured so', async () => {
    edge = await fakeEdge(purged(1));
    await new EdgePurgeClient(edge.url, { soft: true }).purge(['home']);
    expect(edge.seen[0].headers['xkey-softpurge']).toBe('home');
    expect(edge.seen[0].headers['xkey-purge']).toBeUndefined();
  });

  it.each([403, 405, 500, 503, 204])('treats an answer of %i as a failure the caller can retry', async (status) => {
    edge = await fakeEdge((_req, res) => res.writeHead(status).end('no'));
    const attempt = new EdgePurgeClient(edge.url).purge(['home']);
    await expect(attempt).rejects.toBeInstanceOf(EdgePurgeError);
    await expect(attempt).rejects.toMatchObject({ status });
  });

  it('fails, not hangs, when the edge does not answer in time', async () => {
    edge = await fakeEdge(() => undefined);
    const started = Date.now();
    await expect(new EdgePurgeClient(edge.url, { timeoutMs: 200 }).purge(['home'])).rejects.toBeInstanceOf(EdgePurgeError);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails when nothing listens at the purge URL', async () => {
    edge = await fakeEdge(purged(0));
    const url = edge.url;
    await edge.close();
    edge = undefined;
    await expect(new EdgePurgeClient(url).purge(['home'])).rejects.toBeInstanceOf(EdgePurgeError);
  });

  it('refuses keys that xkey would split (spaces, commas) and sends nothing', async () => {
    edge = await fakeEdge(purged(1));
    const client = new EdgePurgeClient(edge.url);
    for (const bad of ['two words', 'a,b', '', 'tab\there', 'línea']) {
      await expect(client.purge(['home', bad])).rejects.toThrow(/not a surrogate key/);
    }
    expect(edge.seen).toHaveLength(0);
  });

  it('sends nothing for no keys', async () => {
    edge = await fakeEdge(purged(1));
    expect(await new EdgePurgeClient(edge.url).purge([])).toEqual({ purged: 0 });
    expect(edge.seen).toHaveLength(0);
  });

  it('splits a long key list over several requests and adds up the counts', async () => {
    edge = await fakeEdge(purged(2));
    const keys = Array.from({ length: 800 }, (_, i) => `article-${i}`);
    const result = await new EdgePurgeClient(edge.url).purge(keys);
    expect(edge.seen.length).toBeGreaterThan(1);
    for (const request of edge.seen) expect(String(request.headers['xkey-purge']).length).toBeLessThanOrEqual(4000);
    expect(edge.seen.flatMap((r) => String(r.headers['xkey-purge']).split(' '))).toEqual(keys);
    expect(result).toEqual({ purged: 2 * edge.seen.length });
  });
});
