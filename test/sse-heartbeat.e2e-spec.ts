import { once } from 'node:events';
import { createServer, Server, Socket, connect } from 'node:net';
import { createStaff, freePort, NewsroomProcesses, resetDatabase, SseClient, Staff } from '@newsroom/testing';

/** A TCP proxy that, like a load balancer, cuts a connection once it has been idle for `idleMs` in both directions. */
async function idleCuttingProxy(targetPort: number, idleMs: number): Promise<{ port: number; cut: () => number; close: () => Promise<void> }> {
  let cuts = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    // Node's socket timeout counts inactivity in either direction, as a proxy's idle timeout does
    client.setTimeout(idleMs, () => {
      cuts++;
      client.destroy();
      upstream.destroy();
    });
    const gone = () => (client.destroy(), upstream.destroy());
    client.on('error', gone).on('close', gone);
    upstream.on('error', gone).on('close', gone);
  });
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    port,
    cut: () => cuts,
    close: () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), server.close(() => r()))),
  };
}

describe('the review queue stream keeps itself alive through idle-cutting proxies (SSE heartbeat)', () => {
  let newsroom: NewsroomProcesses;
  let token: string;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'], env: { NEWSROOM_SSE_HEARTBEAT_MS: '250' } });
    const editor: Staff = await createStaff(await newsroom.adminClient(), ['editor']);
    token = (await newsroom.api.post('/auth/login', { email: editor.email, password: editor.password })).body.accessToken;
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  it('sends a comment every NEWSROOM_SSE_HEARTBEAT_MS on a quiet stream, so a proxy with a 1 s idle timeout never cuts it', async () => {
    const proxy = await idleCuttingProxy(newsroom.port, 1000);
    const stream = await SseClient.open(`http://127.0.0.1:${proxy.port}/review-queue/stream`, { authorization: `Bearer ${token}` });
    try {
      expect(stream.status).toBe(200);
      // nothing happens on the queue for 3 s: only heartbeats cross the proxy
      await new Promise((r) => setTimeout(r, 3000));
      expect(stream.endedAt).toBeUndefined();
      expect(proxy.cut()).toBe(0);
      // the greeting and about one heartbeat per 250 ms (a busy machine may delay a few)
      expect(stream.commentCount).toBeGreaterThanOrEqual(6);
      expect(stream.messages).toEqual([]);
    } finally {
      stream.close();
      await proxy.close();
    }
  });
});
