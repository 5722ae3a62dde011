import { ApiClient, createStaff, ensureRubric, eventually, freePort, insertArticle, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';
import { once } from 'node:events';
import { createServer, Server } from 'node:http';

/**
 * Webhooks cannot be pointed at the newsroom's own network (issue 19): not at
 * registration, whatever the spelling of the address, and not at delivery,
 * when the review service resolves the name again and checks what it connects to.
 */

/** A loopback receiver that counts what reaches it. */
async function startReceiver(): Promise<{ port: number; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { port, hits: () => hits, close: () => new Promise((r) => server.close(() => r())) };
}

const SECRET = 'rahasia-yang-cukup-panjang';
const subscription = (url: string) => ({ url, events: ['article.published'], secret: SECRET });

describe('webhook targets inside the newsroom\'s network', () => {
  beforeAll(() => resetDatabase());

  describe('at registration (nothing allowed: the default)', () => {
    let newsroom: NewsroomProcesses;
    let admin: ApiClient;

    beforeAll(async () => {
      newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
      admin = await newsroom.adminClient();
    });
    afterAll(() => newsroom?.stop());

    const internal = [
      'http://127.0.0.1:6379/',
      'http://localhost:5432/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://0.0.0.0/',
      'http://[::]/',
      'http://10.0.0.7:8080/',
      'http://172.16.0.1/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[fe80::1]/',
      'http://[fc00::1]/',
      'https://127.0.0.1/',
    ];

    it.each(internal)('refuses %s with 400 WEBHOOK.FORBIDDEN_TARGET and stores nothing', async (url) => {
      const res = await admin.post('/webhooks', subscription(url));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'WEBHOOK.FORBIDDEN_TARGET', message: expect.stringContaining('internal address') });
      expect((await admin.get('/webhooks')).body).toEqual([]);
    });

    it('says so when the host name does not resolve', async () => {
      const res = await admin.post('/webhooks', subscription('https://tidak-ada.invalid/hooks'));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'WEBHOOK.UNRESOLVABLE_TARGET', message: expect.stringContaining('does not resolve') });
      expect((await admin.get('/webhooks')).body).toEqual([]);
    });

    it('still accepts a public address', async () => {
      const res = await admin.post('/webhooks', subscription('https://93.184.216.34/hooks'));
      expect(res.status).toBe(201);
      expect((await admin.delete(`/webhooks/${res.body.id}`)).status).toBe(204);
    });
  });

  describe('at delivery (the gateway allows loopback, the review service does not)', () => {
    let newsroom: NewsroomProcesses;
    let admin: ApiClient;
    let scheduler: Staff;
    let reporter: Staff;

    beforeAll(async () => {
      newsroom = await NewsroomProcesses.start({ apps: [] });
      // The two sides disagreeing stands in for a name that resolved to a public address at
      // registration and to loopback when the review service connects (DNS rebinding).
      await newsroom.startApp('gateway', { env: { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
      await newsroom.startApp('review');
      admin = await newsroom.adminClient();
      await ensureRubric(admin, 'dunia', 'Dunia');
      [reporter, scheduler] = await Promise.all([createStaff(admin, ['reporter']), createStaff(admin, ['scheduler'])]);
    });
    afterAll(() => newsroom?.stop());

    it('refuses to connect, records a generic failure, and does not retry', async () => {
      const receiver = await startReceiver();
      try {
        // one by address, one by a name that resolves to loopback
        const hooks = [];
        for (const url of [`http://127.0.0.1:${receiver.port}/hooks`, `http://localhost:${receiver.port}/hooks`]) {
          const res = await admin.post('/webhooks', subscription(url));
          expect(res.status).toBe(201);
          hooks.push(res.body.id as string);
        }

        const article = await insertArticle({ authorId: reporter.id, status: 'approved' });
        expect((await scheduler.api.post(`/articles/${article.id}/publish`)).status).toBe(200);

        for (const id of hooks) {
          const [attempt] = await eventually(async () => {
            const res = await admin.get(`/webhooks/${id}/deliveries`);
            return res.body.length ? res.body : undefined;
          }, { timeoutMs: 20_000, what: 'the refused attempt' });
          expect(attempt).toMatchObject({ attempt: 1, ok: false, statusCode: null, eventType: 'article.published', error: 'target refused: internal address' });
        }
        // an ordinary failure is retried about 2 s later: a refusal is not
        await new Promise((r) => setTimeout(r, 4000));
        for (const id of hooks) expect((await admin.get(`/webhooks/${id}/deliveries`)).body).toHaveLength(1);
        expect(receiver.hits()).toBe(0);
      } finally {
        await receiver.close();
      }
    });
  });
});
