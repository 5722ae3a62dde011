import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { ApiClient, createStaff, ensureRubric, freePort, NewsroomProcesses, resetDatabase, seedArticleInput, sleep, SseClient, Staff, testRedisUrl } from '@newsroom/testing';

/** A Redis URL for the same server as the suites use, on another database index. */
function onDatabase(url: string, offset: number): string {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  u.pathname = `/${db + offset}`;
  return u.toString();
}

/**
 * Two newsrooms on one Redis, told apart only by the database index in
 * REDIS_URL (same key prefix): Redis delivers PUBLISH to every database's
 * subscribers, so pub/sub channels must carry the index, or one newsroom's
 * editors see the other's unpublished drafts on their live queue.
 */
describe('two newsrooms on one Redis', () => {
  const prefix = `isolated-${randomBytes(3).toString('hex')}`;
  let first: NewsroomProcesses;
  let second: NewsroomProcesses;
  let reporterOfSecond: Staff;
  let editorOfFirst: Staff;
  let editorOfSecond: Staff;

  beforeAll(async () => {
    await resetDatabase();
    // no publisher in either: its outbox sweep would relay the other's events from the shared test database
    const apps = ['gateway', 'drafts', 'review'] as const;
    first = await NewsroomProcesses.start({ apps: [...apps], env: { NEWSROOM_REDIS_PREFIX: prefix, REDIS_URL: onDatabase(testRedisUrl(), 1) } });
    second = await NewsroomProcesses.start({ apps: [...apps], env: { NEWSROOM_REDIS_PREFIX: prefix, REDIS_URL: onDatabase(testRedisUrl(), 2) } });
    const admin = await second.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporterOfSecond = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    editorOfSecond = await createStaff(admin, ['editor'], 'Editor Kedua');
    editorOfFirst = await createStaff(await first.adminClient(), ['editor'], 'Editor Pertama');
  });

  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    // their keys live on databases 1 and 2 under a prefix of this suite's choosing
    for (const offset of [1, 2]) {
      const redis = new Redis(onDatabase(testRedisUrl(), offset), { maxRetriesPerRequest: 1 });
      try {
        for (const pattern of [`{${prefix}}*`, `{${prefix}-queues}*`]) {
          const keys = await redis.keys(pattern);
          if (keys.length) await redis.del(...keys);
        }
      } finally {
        redis.disconnect();
      }
    }
  });

  it("never shows one newsroom's drafts on the other's live review queue", async () => {
    const stream = async (newsroom: NewsroomProcesses, editor: Staff) => {
      const login = await newsroom.api.post('/auth/login', { email: editor.email, password: editor.password });
      return SseClient.open(`${newsroom.baseUrl}/review-queue/stream`, { authorization: `Bearer ${login.body.accessToken}` });
    };
    const [ownStream, otherStream] = await Promise.all([stream(second, editorOfSecond), stream(first, editorOfFirst)]);
    try {
      expect([ownStream.status, otherStream.status]).toEqual([200, 200]);
      const headline = `Rahasia redaksi kedua ${randomBytes(3).toString('hex')}`;
      const draft = await reporterOfSecond.api.post('/drafts', seedArticleInput({ headline, rubric: 'dunia' }));
      expect(draft.status).toBe(201);
      expect((await reporterOfSecond.api.post(`/drafts/${draft.body.id}/submit`)).status).toBe(202);

      // its own newsroom's editors see it enter review...
      await ownStream.waitFor((m) => m.event === 'entered' && JSON.parse(m.data).articleId === draft.body.id, { timeoutMs: 15_000, what: 'the draft on its own queue' });
      // ...and the other newsroom's, listening all along, hear nothing of it
      await sleep(1_000);
      expect(otherStream.messages.filter((m) => m.data.includes(draft.body.id) || m.data.includes(headline))).toEqual([]);
    } finally {
      ownStream.close();
      otherStream.close();
    }
  });
});

/** /metrics tells an outsider how loaded the newsroom is: in production only the scraper's token opens it. */
describe('/metrics in production', () => {
  const production = {
    NODE_ENV: 'production',
    NEWSROOM_ADMIN_EMAIL: 'redaksi@portal.example',
    NEWSROOM_ADMIN_PASSWORD: `Sandi-${randomBytes(12).toString('hex')}`,
    NEWSROOM_JWT_SECRET: randomBytes(32).toString('hex'),
    NEWSROOM_VIEW_SALT: randomBytes(16).toString('hex'),
  };
  const token = randomBytes(24).toString('hex');
  let newsroom: NewsroomProcesses;

  beforeAll(async () => {
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'], env: { ...production, NEWSROOM_METRICS_TOKEN: token } });
  });
  afterAll(() => newsroom?.stop());

  it('answers the scraper with its token, and 401 to anyone else', async () => {
    expect((await newsroom.api.get('/metrics')).status).toBe(401);
    expect((await newsroom.api.withHeaders({ authorization: `Bearer ${token}x` }).get('/metrics')).status).toBe(401);
    const scraped = await newsroom.api.withHeaders({ authorization: `Bearer ${token}` }).get('/metrics');
    expect(scraped.status).toBe(200);
    expect(scraped.text).toContain('process_cpu');
  });

  it('does not exist without a token configured', async () => {
    const key = 'gateway#untokened';
    const port = await freePort();
    // an empty variable is an unset one
    await newsroom.startApp('gateway', { key, env: { PORT: String(port), NEWSROOM_METRICS_TOKEN: '' } });
    try {
      const replica = new ApiClient(`http://127.0.0.1:${port}`);
      expect((await replica.get('/metrics')).status).toBe(404);
      expect((await replica.withHeaders({ authorization: `Bearer ${token}` }).get('/metrics')).status).toBe(404);
    } finally {
      await newsroom.stopApp(key);
    }
  });
});
