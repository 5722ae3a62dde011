import { randomBytes } from 'node:crypto';
import { QueueName } from '@newsroom/contracts';
import { keySlot } from '@newsroom/redis';
import {
  ApiClient,
  BROWSER_USER_AGENT,
  countedViews,
  createStaff,
  ensureRubric,
  eventually,
  freePort,
  insertArticle,
  NewsroomProcesses,
  RedisClusterProcess,
  resetDatabase,
  seedArticleInput,
  sleep,
  SseClient,
  Staff,
  ViewsAndPublicationsFlow,
} from '@newsroom/testing';

/** View shards in these tests: two per master of the three. */
const VIEW_SHARDS = 6;

/**
 * All five apps against a real local Redis Cluster (deploy/redis-cluster:
 * 3 masters, 3 replicas), started for this file: what is particular to a
 * cluster, not the whole suite again. The workflow and the readers' side
 * work as on one node; queues and view counting spread over the masters;
 * and a master killed with `kill -9` while views and publishes flow loses no
 * accepted view and no publish, doubles neither, and needs no app restarted.
 */
describe('the newsroom on a Redis Cluster (3 masters, 3 replicas)', () => {
  let cluster: RedisClusterProcess;
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let editor: Staff;
  let desk: Staff;
  const browser = () => newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
  /** Publishes an article, has each gateway cache its page, corrects it: each shows the correction within 3 s. */
  async function correctionDropsCachedPages(gateways: ApiClient[]): Promise<void> {
    // by the reporter: four-eyes keeps an article's own author from correcting it
    const article = await insertArticle({ authorId: reporter.id, status: 'approved', headline: `Banjir Surut di Pesisir ${randomBytes(3).toString('hex')}` });
    const published = await desk.api.post(`/articles/${article.id}/publish`, { version: article.version });
    expect(published.status).toBe(200);
    await newsroom.waitForQueuesToDrain();
    for (const api of gateways) {
      await eventually(async () => (await api.get(`/berita/${article.slug}`)).status === 200, { what: 'the page' });
      expect((await api.get(`/berita/${article.slug}`)).headers.get('x-origin-cache')).toBe('hit');
    }
    const headline = `Banjir Surut, Warga Kembali ${randomBytes(3).toString('hex')}`;
    expect((await desk.api.post(`/articles/${article.id}/corrections`, { version: published.body.version, note: 'Judul diperbaiki.', headline })).status).toBe(200);
    for (const api of gateways) {
      await eventually(async () => (await api.get(`/berita/${article.slug}`)).text.includes(headline), { timeoutMs: 3000, intervalMs: 20, what: 'the corrected page' });
    }
  }

  beforeAll(async () => {
    await resetDatabase();
    cluster = await RedisClusterProcess.start();
    newsroom = await NewsroomProcesses.start({
      redisCluster: cluster,
      env: {
        NEWSROOM_VIEW_SHARDS: String(VIEW_SHARDS),
        // an accepted view, a relayed event, a claimed count: on a replica before it is acknowledged
        NEWSROOM_REDIS_WAIT_REPLICAS: '1',
        // every view here comes from one address
        NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: '1000000',
      },
    });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    [reporter, editor, desk] = await Promise.all([
      createStaff(admin, ['reporter'], 'Hani Fatunnisa'),
      createStaff(admin, ['editor'], 'Redaktur Dunia'),
      createStaff(admin, ['editor', 'scheduler'], 'Meja Redaksi'),
    ]);
  });
  afterAll(async () => {
    try {
      await newsroom?.stop();
    } finally {
      await cluster?.stop();
    }
  });

  it('takes a draft through review to a timed publication, its views counted and ranked', async () => {
    // the live review queue is pub/sub: the review service announces, the gateway streams
    const login = await newsroom.api.post('/auth/login', { email: editor.email, password: editor.password });
    const stream = await SseClient.open(`${newsroom.baseUrl}/review-queue/stream`, { authorization: `Bearer ${login.body.accessToken}` });
    try {
      const created = await reporter.api.post('/drafts', seedArticleInput({ headline: `Gempa di Laut Banda ${randomBytes(3).toString('hex')}` }));
      expect(created.status).toBe(201);
      const article = created.body;
      expect((await reporter.api.post(`/drafts/${article.id}/submit`)).status).toBe(202);
      await stream.waitFor((m) => m.event === 'entered' && JSON.parse(m.data).articleId === article.id, { timeoutMs: 15_000, what: 'the draft on the live queue' });
      const inReview = await editor.api.get(`/drafts/${article.id}`);
      expect(inReview.body.status).toBe('in_review');
      expect((await editor.api.post(`/review-queue/${article.id}/claim`)).status).toBe(200);
      expect((await editor.api.post(`/review-queue/${article.id}/approve`, { version: inReview.body.version })).status).toBe(200);

      const publishAt = new Date(Date.now() + 2000);
      expect((await desk.api.post(`/articles/${article.id}/schedule`, { publishAt: publishAt.toISOString() })).status).toBe(200);
      const live = await eventually(async () => {
        const res = await newsroom.api.get(`/articles/${article.slug}`);
        return res.status === 200 ? res.body : undefined;
      }, { timeoutMs: 10_000, intervalMs: 50, what: 'the article to go live' });
      expect(Date.parse(live.publishedAt) - publishAt.getTime()).toBeLessThan(1500);

      for (const visitorId of ['pembaca-1', 'pembaca-2', 'pembaca-3', 'pembaca-1']) {
        expect((await browser().post('/views', { slug: article.slug, visitorId })).status).toBe(202);
      }
      await eventually(async () => (await countedViews([article.id]))[article.id] === 3, { timeoutMs: 5000, what: 'three counted views' });
      const ranked = await eventually(async () => {
        const popular = await newsroom.api.get('/articles/popular?window=24h&limit=100');
        return popular.body.find((a: { id: string }) => a.id === article.id);
      }, { timeoutMs: 5000, what: 'the article in Populer' });
      expect(ranked).toMatchObject({ views: 3, windowViews: 3 });
    } finally {
      stream.close();
    }
  });

  it('drops cached pages on every gateway when an article changes (pub/sub across the cluster)', async () => {
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'gateway#pages', env: { PORT: String(port) } });
    const second = new ApiClient(`http://127.0.0.1:${port}`);
    try {
      await correctionDropsCachedPages([newsroom.api, second]);
    } finally {
      await newsroom.stopApp('gateway#pages');
    }
  });

  it('shares rate limits between gateways through the cluster', async () => {
    const ports = [await freePort(), await freePort()];
    const limits = { NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: '3', NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE: '4' };
    await Promise.all(ports.map((port, i) => newsroom.startApp('gateway', { key: `gateway#limited${i}`, env: { PORT: String(port), ...limits } })));
    try {
      const [first, second] = ports.map((port) => new ApiClient(`http://127.0.0.1:${port}`).from('127.0.0.9'));
      const attempts: number[] = [];
      // another unknown account each time: only the per-address limit can refuse
      for (let i = 0; i < 4; i++) attempts.push((await (i % 2 ? second : first).post('/auth/login', { email: `tamu-${i}-${randomBytes(3).toString('hex')}@newsroom.local`, password: 'salah' })).status);
      expect(attempts).toEqual([401, 401, 401, 429]);
      const beacons: number[] = [];
      for (let i = 0; i < 5; i++) {
        beacons.push((await (i % 2 ? second : first).withHeaders({ 'user-agent': BROWSER_USER_AGENT }).post('/views', { slug: 'tidak-ada', visitorId: `v${i}` })).status);
        await sleep(250); // a gateway hands its beacon hits over every 100 ms
      }
      expect(beacons).toEqual([404, 404, 404, 404, 429]);
    } finally {
      await Promise.all(ports.map((_, i) => newsroom.stopApp(`gateway#limited${i}`)));
    }
  });

  it('spreads the queues and the view counting over every master', async () => {
    const articles = await Promise.all(Array.from({ length: 24 }, () => insertArticle({ authorId: desk.id, status: 'published' })));
    const masters = (await cluster.masters()).map((m) => m.port);
    expect(masters).toHaveLength(3);
    const statsBefore = await Promise.all(masters.map((port) => commandStats(cluster, port)));
    // a flood of small batches, as readers' pages send them
    let sent = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, client) => {
        for (let i = 0; i < 40; i++) {
          const views = Array.from({ length: 5 }, (_, v) => ({ articleId: articles[(client * 7 + i * 5 + v) % articles.length].id, visitorId: `spread-${client}-${i}-${v}` }));
          const res = await browser().post('/views/batch', views);
          expect(res.status).toBe(202);
          sent += 5;
        }
      }),
    );
    const ids = articles.map((a) => a.id);
    await eventually(async () => Object.values(await countedViews(ids)).reduce((s, n) => s + n, 0) === sent, { timeoutMs: 15_000, what: `all ${sent} views counted` });
    const statsAfter = await Promise.all(masters.map((port) => commandStats(cluster, port)));

    const keyspace = newsroom.keyspace;
    const ownPatterns = keyspace.keyPatterns(Object.values(QueueName)).map((glob) => new RegExp(`^${glob.replace(/[{}.+^$()|]/g, '\\$&').replace(/\*/g, '.*')}$`));
    const perMaster = await Promise.all(
      masters.map(async (port) => {
        const node = cluster.node(port);
        try {
          const keys = await scanAll(node, `*`);
          return {
            port,
            // the cluster is this newsroom's alone: anything outside its prefix's names could collide with another deployment's
            foreign: keys.filter((k) => !ownPatterns.some((p) => p.test(k))),
            queueKeys: keys.filter((k) => Object.values(QueueName).some((q) => k.startsWith(`${keyspace.queuePrefix(q)}:`)) || keyspace.viewShards.some((s) => k.startsWith(`${s.queuePrefix}:view-counting:`))).length,
            viewCounterKeys: keys.filter((k) => keyspace.viewShards.some((s) => k.startsWith(`${s.tag}:views:`))).length,
          };
        } finally {
          node.disconnect();
        }
      }),
    );
    const work = masters.map((port, i) => ({
      port,
      evalsha: statsAfter[i].evalsha - statsBefore[i].evalsha,
      wait: statsAfter[i].wait - statsBefore[i].wait,
      calls: statsAfter[i].calls - statsBefore[i].calls,
    }));
    console.log(`keys per master after ${sent} views: ${JSON.stringify(perMaster.map(({ foreign, ...m }) => ({ ...m, foreign: foreign.length })))}; commands per master during the flood: ${JSON.stringify(work)}`);
    expect(perMaster.flatMap((m) => m.foreign)).toEqual([]);
    expect(perMaster.filter((m) => m.queueKeys > 0).length).toBeGreaterThan(1);
    expect(perMaster.filter((m) => m.viewCounterKeys > 0)).toHaveLength(3);
    // each master did a real share of the counting scripts (an even split is a third each)
    const scripts = work.reduce((sum, w) => sum + w.evalsha, 0);
    for (const w of work) expect(w.evalsha / scripts).toBeGreaterThan(0.1);
    // with NEWSROOM_REDIS_WAIT_REPLICAS=1 every accepted part of a batch waited for a replica of its master
    expect(work.filter((w) => w.wait > 0)).toHaveLength(3);
  });

  it('loses no accepted view and no publish, and doubles neither, when a master is killed (kill -9) while both flow', async () => {
    const keyspace = newsroom.keyspace;
    // the master of the publishing queue: it holds two view shards as well
    const victim = await cluster.masterOf(keySlot(keyspace.queuePrefix(QueueName.Publishing)));
    const shardsOnVictim = (await Promise.all(keyspace.viewShards.map(async (s) => (await cluster.masterOf(keySlot(s.tag))) === victim))).filter(Boolean).length;
    expect(shardsOnVictim).toBeGreaterThan(0);
    const pids = ['gateway', 'drafts', 'review', 'publisher', 'views'].map((app) => newsroom.pid(app));

    const readers = await Promise.all(Array.from({ length: 12 }, () => insertArticle({ authorId: desk.id, status: 'published' })));
    // 30 publications due from 2 s to 11 s from now (delayed jobs in the publishing queue), and readers
    // sending views all along; a refused batch (5xx while its master is away) is sent again until accepted
    const flow = await ViewsAndPublicationsFlow.start(newsroom.api, { scheduler: desk, readers: readers.map((a) => a.id), publications: 30, label: 'failover' });

    let failoverMs = 0;
    try {
      await sleep(3000);
      const killedAt = Date.now();
      cluster.kill(victim);
      // a replica takes over the victim's slots
      await eventually(async () => (await cluster.masters()).every((m) => m.port !== victim) && (await cluster.masters()).length === 3, {
        timeoutMs: 20_000,
        intervalMs: 100,
        what: 'a replica to take over',
      });
      failoverMs = Date.now() - killedAt;
      // the new master has no replica yet: what it is sent cannot be acknowledged as safe (503, sent again)
      await sleep(2000);
      // as an operator would: the old master comes back, empty, as the new master's replica
      await cluster.restart(victim);
      await cluster.waitUntilHealthy();
      await sleep(3000);
    } finally {
      await flow.stop();
    }

    // every publication went out once, every accepted view was counted once
    const { times, outbox } = await flow.published();
    expect(times).toEqual(Object.fromEntries(flow.publications.map((id) => [id, 1])));
    expect(outbox).toBe(flow.publications.length);
    const { accepted, counted, total } = await flow.counted();
    expect(counted).toEqual(accepted);

    // a batch Redis could not take safely (its master without a replica) was refused as one to send again
    expect(flow.refusals.length).toBeGreaterThan(0);
    expect(flow.refusals.filter((r) => !/^503 retry-after=\d+$/.test(r))).toEqual([]);

    // the same processes, reconnected on their own: pub/sub reaches the gateway (its listener moved if its node died), a logout ends a session at once
    expect(['gateway', 'drafts', 'review', 'publisher', 'views'].map((app) => newsroom.pid(app))).toEqual(pids);
    await correctionDropsCachedPages([newsroom.api]);
    const token = (await newsroom.api.post('/auth/login', { email: editor.email, password: editor.password })).body.accessToken;
    expect((await newsroom.api.as(token).get('/users/me')).status).toBe(200);
    expect((await newsroom.api.as(token).post('/auth/logout')).status).toBe(204);
    expect((await newsroom.api.as(token).get('/users/me')).status).toBe(401);
    console.log(`failover: master ${victim} (${shardsOnVictim} view shards, the publishing queue) replaced in ${failoverMs} ms; ${total} views accepted, ${flow.refusals.length} batches refused (503) and sent again; ${flow.publications.length} publications`);
  });

  it('stops cleanly on SIGTERM: workers finish, then the cluster connections close', async () => {
    for (const app of ['views', 'publisher', 'gateway']) {
      const started = Date.now();
      await newsroom.stopApp(app);
      // the harness falls back to SIGKILL after 10 s: a hang on a closed connection would show here
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });
});

/** INFO commandstats of one node: EVALSHA calls (the counting scripts and BullMQ's), WAIT calls (replica acks) and all calls. */
async function commandStats(cluster: RedisClusterProcess, port: number): Promise<{ evalsha: number; wait: number; calls: number }> {
  const node = cluster.node(port);
  try {
    const info = (await node.info('commandstats')) as string;
    const calls = [...info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)].map(([, name, n]) => ({ name, n: Number(n) }));
    const of = (name: string) => calls.find((c) => c.name === name)?.n ?? 0;
    return { evalsha: of('evalsha'), wait: of('wait'), calls: calls.reduce((s, c) => s + c.n, 0) };
  } finally {
    node.disconnect();
  }
}

async function scanAll(node: import('ioredis').Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}
