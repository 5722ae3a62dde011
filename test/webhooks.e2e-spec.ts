import { ApiClient, createStaff, ensureRubric, eventually, freePort, insertArticle, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';

interface Received {
  at: number;
  headers: IncomingHttpHeaders;
  raw: string;
}

/** A webhook receiver on loopback that answers each POST with the next status from `answers` (the last one repeats). */
async function startReceiver(answers: number[]): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ at: Date.now(), headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answers[Math.min(received.length, answers.length) - 1]).end();
    });
  });
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${port}/hooks/newsroom`, received, close: () => new Promise((r) => server.close(() => r())) };
}

/** What a receiver does: recompute the HMAC of the raw body and compare in constant time. */
function signatureIsValid(secret: string, raw: string, header: string | string[] | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
  const given = Buffer.from(String(header ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('outgoing webhooks (gateway and review processes)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let editor: Staff;

  beforeAll(async () => {
    await resetDatabase();
    // receivers run on this machine; portal.example only has to be accepted, never reached (and has no DNS here)
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'review'], env: { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,portal.example' } });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    editor = await createStaff(admin, ['editor'], 'Redaktur Dunia');
  });
  afterAll(() => newsroom?.stop());

  it('lets admins subscribe, list and delete webhooks, never showing the secret', async () => {
    const created = await admin.post('/webhooks', { url: 'https://portal.example/hooks', events: ['review.approved', 'article.published'], secret: 'rahasia-yang-cukup-panjang' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), url: 'https://portal.example/hooks', events: ['review.approved', 'article.published'], active: true, createdAt: expect.any(String) });
    const list = await admin.get('/webhooks');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([created.body]);
    expect(list.text + created.text).not.toContain('rahasia');

    expect((await admin.get(`/webhooks/${created.body.id}/deliveries`)).body).toEqual([]);
    expect((await admin.delete(`/webhooks/${created.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/webhooks/${created.body.id}`)).status).toBe(404);
    expect((await admin.get(`/webhooks/${created.body.id}/deliveries`)).status).toBe(404);
    expect((await admin.delete('/webhooks/not-an-id')).status).toBe(404);
    expect((await admin.get('/webhooks')).body).toEqual([]);
  });

  it('refuses bad subscriptions with 400 and stores nothing', async () => {
    const good = { url: 'https://portal.example/hooks', events: ['review.approved'], secret: 'rahasia-yang-cukup-panjang' };
    const bad: Record<string, unknown>[] = [
      { ...good, url: 'ftp://portal.example/hooks' },
      { ...good, url: 'not a url' },
      { ...good, events: [] },
      { ...good, events: ['review.claimed'] },
      { ...good, events: 'review.approved' },
      { ...good, secret: 'pendek' },
      { ...good, active: false },
      { url: good.url, events: good.events },
    ];
    for (const body of bad) {
      const res = await admin.post('/webhooks', body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expect((await admin.get('/webhooks')).body).toEqual([]);
  });

  it('is for admins only', async () => {
    expect((await editor.api.post('/webhooks', { url: 'https://x.example/', events: ['review.approved'], secret: 'rahasia-yang-cukup-panjang' })).status).toBe(403);
    expect((await editor.api.get('/webhooks')).status).toBe(403);
    expect((await reporter.api.get('/webhooks')).status).toBe(403);
    expect((await newsroom.api.get('/webhooks')).status).toBe(401);
  });

  it('delivers a signed event, retrying with backoff until the receiver accepts, under one event id', async () => {
    const receiver = await startReceiver([500, 500, 204]);
    const silent = await startReceiver([204]);
    const secret = 'rahasia-webhook-portal-123';
    try {
      const hook = await admin.post('/webhooks', { url: receiver.url, events: ['review.approved'], secret });
      expect(hook.status).toBe(201);
      // Subscribed to something else: must hear nothing of an approval.
      expect((await admin.post('/webhooks', { url: silent.url, events: ['article.published'], secret })).status).toBe(201);

      const article = await insertArticle({ authorId: reporter.id, status: 'in_review' });
      const approved = await editor.api.post(`/review-queue/${article.id}/approve`, { version: article.version, comment: 'Layak tayang.' });
      expect(approved.status).toBe(200);

      await eventually(() => receiver.received.length >= 3, { timeoutMs: 30_000, what: 'three delivery attempts' });
      const [first, second, third] = receiver.received;
      const bodies = receiver.received.map((r) => JSON.parse(r.raw));
      for (const r of receiver.received) {
        expect(r.headers['content-type']).toBe('application/json');
        expect(r.headers['x-newsroom-event']).toBe('review.approved');
        expect(signatureIsValid(secret, r.raw, r.headers['x-newsroom-signature'])).toBe(true);
        expect(signatureIsValid('another-secret-entirely', r.raw, r.headers['x-newsroom-signature'])).toBe(false);
      }
      expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
      expect(bodies[0]).toEqual({
        id: expect.any(String),
        type: 'review.approved',
        occurredAt: expect.any(String),
        data: { article: expect.objectContaining({ id: article.id, status: 'approved', version: article.version + 1, approvedVersion: article.version }) },
      });
      // exponential backoff: about 2 s, then about 4 s
      expect(second.at - first.at).toBeGreaterThanOrEqual(1500);
      expect(third.at - second.at).toBeGreaterThanOrEqual(3000);

      const deliveries = await eventually(async () => {
        const res = await admin.get(`/webhooks/${hook.body.id}/deliveries`);
        return res.body.length === 3 ? res.body : undefined;
      }, { what: 'three recorded attempts' });
      expect(deliveries.map((d: { attempt: number; ok: boolean; statusCode: number }) => [d.attempt, d.ok, d.statusCode])).toEqual([
        [3, true, 204],
        [2, false, 500],
        [1, false, 500],
      ]);
      for (const d of deliveries) {
        expect(d).toMatchObject({ id: expect.any(String), eventId: bodies[0].id, eventType: 'review.approved', at: expect.any(String), durationMs: expect.any(Number) });
      }
      expect(receiver.received.map((r) => r.headers['x-newsroom-delivery'])).toEqual(deliveries.map((d: { id: string }) => d.id).reverse());

      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(3);
      expect(silent.received).toHaveLength(0);
    } finally {
      await receiver.close();
      await silent.close();
    }
  });

  it('records a network failure as a failed attempt, without the network\'s own message', async () => {
    const port = await freePort(); // nothing listens here
    const hook = await admin.post('/webhooks', { url: `http://127.0.0.1:${port}/gone`, events: ['review.rejected'], secret: 'rahasia-yang-cukup-panjang' });
    const article = await insertArticle({ authorId: reporter.id, status: 'in_review' });
    expect((await editor.api.post(`/review-queue/${article.id}/reject`, { version: article.version, comment: 'Bukan berita.' })).status).toBe(200);
    const [attempt] = await eventually(async () => {
      const res = await admin.get(`/webhooks/${hook.body.id}/deliveries`);
      return res.body.length ? res.body : undefined;
    }, { what: 'the failed attempt' });
    // 'connect ECONNREFUSED 127.0.0.1:<port>' would tell an admin which ports are open
    expect(attempt).toMatchObject({ attempt: 1, ok: false, statusCode: null, error: 'connection failed' });
    expect((await admin.delete(`/webhooks/${hook.body.id}`)).status).toBe(204);
  });

  it('stops retrying once the webhook is deleted', async () => {
    const receiver = await startReceiver([503]);
    try {
      const hook = await admin.post('/webhooks', { url: receiver.url, events: ['review.changes_requested'], secret: 'rahasia-yang-cukup-panjang' });
      const article = await insertArticle({ authorId: reporter.id, status: 'in_review' });
      expect((await editor.api.post(`/review-queue/${article.id}/request-changes`, { version: article.version, comment: 'Tambahkan sumber.' })).status).toBe(200);
      await eventually(() => receiver.received.length === 1, { what: 'the first attempt' });
      expect((await admin.delete(`/webhooks/${hook.body.id}`)).status).toBe(204);
      // the retry falls due about 2 s after the first attempt
      await new Promise((r) => setTimeout(r, 3500));
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
