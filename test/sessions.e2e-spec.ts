import { createHmac, randomUUID } from 'node:crypto';
import { ApiClient, createStaff, DeskClient, freePort, NewsroomProcesses, resetDatabase, SseClient } from '@newsroom/testing';

const base64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT made by hand, as an attacker who knows (or guesses) the secret would make one. */
function handMadeToken(header: object, claims: object, secret: string, algorithm: 'sha256' | 'sha512' = 'sha256'): string {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  return `${unsigned}.${createHmac(algorithm, secret).update(unsigned).digest('base64url')}`;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

async function login(api: ApiClient, who: { email: string; password: string }): Promise<string> {
  const res = await api.post('/auth/login', { email: who.email, password: who.password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body.accessToken;
}

/** Logout, token expiry and revocation, seen from two gateway replicas sharing Redis. */
describe('sessions end when they should', () => {
  let newsroom: NewsroomProcesses;
  let replica: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'gateway#2', env: { PORT: String(port) } });
    replica = new ApiClient(`http://127.0.0.1:${port}`);
    admin = await newsroom.adminClient();
  });
  afterAll(() => newsroom?.stop());

  it('POST /auth/logout -> 204, and that token is refused at once on both replicas; the user\'s other sessions live on', async () => {
    const staff = await createStaff(admin, ['reporter']);
    const [token, otherToken] = [await login(newsroom.api, staff), await login(replica, staff)];
    for (const api of [newsroom.api, replica]) expect((await api.as(token).get('/users/me')).status).toBe(200);

    const out = await replica.as(token).post('/auth/logout');
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    for (const api of [newsroom.api, replica]) {
      const me = await api.as(token).get('/users/me');
      expect(me.status).toBe(401);
      expect(me.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'AUTH.TOKEN_INVALID' });
    }
    // logging out twice, or without a token, is refused like any request without a valid token
    expect((await newsroom.api.as(token).post('/auth/logout')).status).toBe(401);
    expect((await newsroom.api.post('/auth/logout')).status).toBe(401);
    expect((await newsroom.api.as(otherToken).get('/users/me')).status).toBe(200);
  });

  it('desk logout ends the session itself: the old cookie no longer opens the desk, nor works as a Bearer token', async () => {
    const staff = await createStaff(admin, ['reporter']);
    const desk = await DeskClient.signIn(newsroom.baseUrl, staff);
    const stolen = desk.sessionToken;
    expect((await desk.get('/desk/drafts')).status).toBe(200);
    expect((await replica.as(stolen).get('/users/me')).status).toBe(200);

    const out = await desk.post('/desk/logout', {});
    expect(out.status).toBe(303);
    expect(out.location).toBe('/desk/login');

    // the browser would drop the cookie; whoever copied it keeps sending it
    const after = await desk.get('/desk/drafts');
    expect(after.status).toBe(303);
    expect(after.location).toBe('/desk/login');
    for (const api of [newsroom.api, replica]) expect((await api.as(stolen).get('/users/me')).status).toBe(401);
  });

  it('refuses a token without exp, or of another algorithm, even when signed with the right secret', async () => {
    const secret = newsroom.env.NEWSROOM_JWT_SECRET;
    const me = (await admin.get('/users/me')).body;
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: me.id, email: me.email, name: me.name, roles: me.roles, gen: 0, jti: randomUUID(), iat: now };
    // the control: the same hand-made token with exp works, so the refusals below are about exp and alg only
    const good = handMadeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now + 600 }, secret);
    expect((await newsroom.api.as(good).get('/users/me')).status).toBe(200);

    const refused = {
      'no exp': handMadeToken({ alg: 'HS256', typ: 'JWT' }, claims, secret),
      'HS512': handMadeToken({ alg: 'HS512', typ: 'JWT' }, { ...claims, exp: now + 600 }, secret, 'sha512'),
      'alg none': `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: now + 600 })}.`,
      'another secret': handMadeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now + 600 }, 'dev-only-newsroom-secret-change-me'),
      expired: handMadeToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 120, exp: now - 60 }, secret),
    };
    for (const [what, token] of Object.entries(refused)) {
      for (const api of [newsroom.api, replica]) expect({ what, status: (await api.as(token).get('/users/me')).status }).toEqual({ what, status: 401 });
    }
  });

  it('issues tokens that carry exp, a token id and the HS256 algorithm', async () => {
    const token = await login(newsroom.api, { email: 'admin@newsroom.local', password: 'admin' });
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).alg).toBe('HS256');
    const claims = claimsOf(token);
    expect(claims.exp - claims.iat).toBe(12 * 3600);
    expect(claims.jti).toEqual(expect.any(String));
    expect(claimsOf(await login(newsroom.api, { email: 'admin@newsroom.local', password: 'admin' })).jti).not.toBe(claims.jti);
  });

  it('ends an open review-queue stream within a second of its token being logged out on another replica', async () => {
    const editor = await createStaff(admin, ['editor']);
    const token = await login(newsroom.api, editor);
    const other = await login(newsroom.api, editor);
    const stream = await SseClient.open(`${newsroom.baseUrl}/review-queue/stream`, { authorization: `Bearer ${token}` });
    const untouched = await SseClient.open(`${newsroom.baseUrl}/review-queue/stream?access_token=${encodeURIComponent(other)}`);
    try {
      expect([stream.status, untouched.status]).toEqual([200, 200]);
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.endedAt).toBeUndefined();

      const loggedOutAt = Date.now();
      expect((await replica.as(token).post('/auth/logout')).status).toBe(204);
      const endedAt = await stream.waitForEnd({ timeoutMs: 3000 });
      expect(endedAt - loggedOutAt).toBeLessThan(1000);
      // another session's stream of the same editor stays open
      expect(untouched.endedAt).toBeUndefined();
      // and the browser's EventSource, reconnecting, is refused
      const again = await SseClient.open(`${newsroom.baseUrl}/review-queue/stream`, { authorization: `Bearer ${token}` });
      expect(again.status).toBe(401);
    } finally {
      stream.close();
      untouched.close();
    }
  });

  describe('with tokens that live 5 seconds (a third gateway)', () => {
    const ttl = 5;
    let short: ApiClient;
    beforeAll(async () => {
      const port = await freePort();
      await newsroom.startApp('gateway', { key: 'gateway-short', env: { PORT: String(port), NEWSROOM_TOKEN_TTL_SECONDS: String(ttl) } });
      short = new ApiClient(`http://127.0.0.1:${port}`);
    });

    it('ends an open review-queue stream when its token expires, within a second', async () => {
      const editor = await createStaff(admin, ['editor']);
      const token = await login(short, editor);
      const expiresAt = claimsOf(token).exp * 1000;
      expect(expiresAt - Date.now()).toBeGreaterThan(2000);
      const stream = await SseClient.open(`${short.baseUrl}/review-queue/stream`, { authorization: `Bearer ${token}` });
      try {
        expect(stream.status).toBe(200);
        const endedAt = await stream.waitForEnd({ timeoutMs: ttl * 1000 + 3000 });
        expect(endedAt).toBeGreaterThanOrEqual(expiresAt - 50);
        expect(endedAt - expiresAt).toBeLessThan(1000);
        expect((await short.as(token).get('/users/me')).status).toBe(401);
      } finally {
        stream.close();
      }
    });
  });
});
