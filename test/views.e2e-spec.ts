import { randomBytes, randomUUID } from 'node:crypto';
import { Cluster } from 'ioredis';
import { minuteBucket, QueueName, ViewMinuteKey } from '@newsroom/contracts';
import { countViewsScript, hourBucket, MINUTE_BUCKET_SECONDS, ShardKeys } from '@newsroom/view-counting';
import {
  ApiClient,
  BROWSER_USER_AGENT,
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  sleep,
  Staff,
  startViewCounting,
} from '@newsroom/testing';

const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

/**
 * The view beacon end to end: gateway (validation, crawler filter, group
 * commit to the queue) and the views service (dedup, hourly buckets, flush to
 * Postgres every second), including a views service killed mid-load.
 */
describe('view counting (gateway and views processes, real Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let reporter: Staff;
  let reader: ApiClient;

  /** Articles are put straight into Postgres (no publish event), so the gateway must find them without the index. */
  const published = () => insertArticle({ authorId: reporter.id, status: 'published' });
  const visitor = () => `pembaca-${randomBytes(6).toString('hex')}`;
  /** an article's bucket of one minute's counts, in its view shard */
  const minuteBucketKey = (articleId: string, minute: number) => newsroom.keyspace.viewShardKey(newsroom.keyspace.viewShardOf(articleId), `views:minute:${minute}`);

  async function views(slug: string): Promise<number> {
    const res = await newsroom.api.get(`/articles/${slug}`);
    if (res.status !== 200) throw new Error(`GET /articles/${slug}: ${res.status} ${res.text}`);
    return res.body.views;
  }

  /** Waits for the count to reach `expected`, then makes sure it stays there over more flushes. */
  async function expectViews(slug: string, expected: number, timeoutMs = 2000): Promise<void> {
    await eventually(async () => (await views(slug)) === expected, { timeoutMs, intervalMs: 50, what: `${slug} to show ${expected} views` }).catch(
      async (error: Error) => {
        throw new Error(`${error.message} (it shows ${await views(slug)})`);
      },
    );
    await sleep(1500);
    expect(await views(slug)).toBe(expected);
  }

  beforeAll(async () => {
    ({ newsroom, reporter } = await startViewCounting());
    reader = newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
  });
  afterAll(() => newsroom?.stop());

  describe('POST /views', () => {
    it('counts a view within 2 seconds, by slug or by id, in views and in the popular list', async () => {
      const article = await published();
      const res = await reader.post('/views', { slug: article.slug, visitorId: visitor() });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: 1 });
      expect((await reader.post('/views', { articleId: article.id, visitorId: visitor() })).status).toBe(202);
      await expectViews(article.slug, 2);
      const popular = await newsroom.api.get('/articles/popular?window=24h&limit=100');
      expect(popular.body.find((i: { id: string }) => i.id === article.id)).toMatchObject({ views: 2, windowViews: 2 });
      const [hour] = await queryTestDatabase<{ views: string; current: boolean }>(
        `select views, hour = date_trunc('hour', now()) or hour = date_trunc('hour', now() - interval '5 seconds') as current
           from article_view_hours where article_id = $1`,
        [article.id],
      );
      expect(hour).toEqual({ views: '2', current: true });
    });

    it('counts a visitor\'s repeat views of an article within 30 minutes once', async () => {
      const article = await published();
      const other = await published();
      const me = visitor();
      for (let i = 0; i < 3; i++) expect((await reader.post('/views', { slug: article.slug, visitorId: me })).status).toBe(202);
      expect((await reader.post('/views', { slug: other.slug, visitorId: me })).status).toBe(202);
      await expectViews(article.slug, 1);
      expect(await views(other.slug)).toBe(1);
    });

    it('without a visitorId, tells visitors apart by client IP and User-Agent, storing neither', async () => {
      const article = await published();
      // real source addresses: with no trusted proxy, X-Forwarded-For is no address of the client's choosing
      const from = (ip: string, ua = BROWSER_USER_AGENT) => newsroom.api.from(ip).withHeaders({ 'user-agent': ua, 'x-forwarded-for': '203.0.113.99' });
      for (const client of [from('127.0.3.10'), from('127.0.3.10'), from('127.0.3.11'), from('127.0.3.10', `${BROWSER_USER_AGENT} Edg/131.0`)]) {
        expect((await client.post('/views', { slug: article.slug })).status).toBe(202);
      }
      await expectViews(article.slug, 3);
    });

    it('answers a crawler 202 but counts it zero', async () => {
      const article = await published();
      const bot = newsroom.api.withHeaders({ 'user-agent': GOOGLEBOT });
      expect((await bot.post('/views', { slug: article.slug, visitorId: visitor() })).status).toBe(202);
      expect((await bot.post('/views/batch', [{ slug: article.slug }, { articleId: article.id, visitorId: visitor() }])).status).toBe(202);
      expect((await reader.post('/views', { slug: article.slug, visitorId: visitor() })).status).toBe(202);
      await expectViews(article.slug, 1);
    });

    it('is a 404 for an unknown or unpublished article, and counts nothing', async () => {
      const draft = await insertArticle({ authorId: reporter.id, status: 'draft' });
      const gone = await insertArticle({ authorId: reporter.id, status: 'unpublished' });
      for (const body of [{ slug: 'tidak-ada-artikel-ini' }, { articleId: randomUUID() }, { slug: draft.slug }, { articleId: gone.id }]) {
        const res = await reader.post('/views', { ...body, visitorId: visitor() });
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
      await sleep(1500);
      const counted = await queryTestDatabase(`select 1 from article_view_totals where article_id = any($1::uuid[])`, [[draft.id, gone.id]]);
      expect(counted).toEqual([]);
    });

    it('refuses malformed beacons with 400: neither or both targets, bad id, long visitorId, unknown fields', async () => {
      const article = await published();
      const bad = [
        {},
        { visitorId: 'x' },
        { slug: article.slug, articleId: article.id },
        { articleId: 'bukan-uuid' },
        { slug: '' },
        { slug: 42 },
        { slug: article.slug, visitorId: 'x'.repeat(101) },
        { slug: article.slug, extra: true },
      ];
      for (const body of bad) {
        const res = await reader.post('/views', body);
        expect([res.status, JSON.stringify(body)]).toEqual([400, JSON.stringify(body)]);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      }
      expect((await reader.post('/views', '{"slug": ')).status).toBe(400);
      // what a JSON body parser refuses: another media type, an empty body, a prototype smuggled in, a body past the limit
      const raw = (contentType: string, body: string) =>
        fetch(`${newsroom.baseUrl}/views`, { method: 'POST', headers: { 'content-type': contentType, 'user-agent': BROWSER_USER_AGENT }, body });
      expect((await raw('text/plain', JSON.stringify({ slug: article.slug }))).status).toBe(415);
      expect((await raw('application/json', '')).status).toBe(400);
      expect((await raw('application/json', `{"slug":"${article.slug}","__proto__":{"x":1}}`)).status).toBe(400);
      const tooLarge = await raw('application/json; charset=utf-8', JSON.stringify({ slug: article.slug, visitorId: 'x'.repeat(3 * 1024 * 1024) }));
      expect([tooLarge.status, await tooLarge.json()]).toEqual([413, expect.objectContaining({ statusCode: 413, error: 'Payload Too Large' })]);
      expect((await reader.post('/views', { slug: article.slug, visitorId: 'x'.repeat(100) })).status).toBe(202);
      await expectViews(article.slug, 1);
    });
  });

  describe('POST /views/batch', () => {
    it('takes 500 views at once and counts each, in views and in the minute buckets', async () => {
      const article = await published();
      const firstMinute = Math.floor(Date.now() / 60_000) * 60;
      const batch = Array.from({ length: 500 }, () => ({ slug: article.slug, visitorId: visitor() }));
      const res = await reader.post('/views/batch', batch);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: 500 });
      await expectViews(article.slug, 500);
      // the counting script sums one article's views over its batch before it writes them: every one is there
      const lastMinute = Math.floor(Date.now() / 60_000) * 60;
      const redis = await newsroom.redis();
      try {
        let inBuckets = 0;
        for (let minute = firstMinute; minute <= lastMinute; minute += 60) {
          inBuckets += Number((await redis.hget(minuteBucketKey(article.id, minute), article.id)) ?? 0);
        }
        expect(inBuckets).toBe(500);
      } finally {
        redis.disconnect();
      }
    });

    it('counts unknown and unpublished articles in a batch zero, the rest as usual', async () => {
      const [a, b] = [await published(), await published()];
      const draft = await insertArticle({ authorId: reporter.id, status: 'draft' });
      const res = await reader.post('/views/batch', [
        { slug: a.slug, visitorId: visitor() },
        { slug: 'tidak-ada-artikel-ini' },
        { articleId: b.id, visitorId: visitor() },
        { articleId: randomUUID() },
        { slug: draft.slug },
        { slug: a.slug, visitorId: visitor() },
      ]);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: 3 });
      await expectViews(a.slug, 2);
      expect(await views(b.slug)).toBe(1);
    });

    it('refuses 0 or 501 views, a non-array, or any malformed item with 400, counting nothing', async () => {
      const article = await published();
      const item = () => ({ slug: article.slug, visitorId: visitor() });
      const bodies: unknown[] = [
        [],
        Array.from({ length: 501 }, item),
        { slug: article.slug },
        [item(), { slug: article.slug, articleId: article.id }],
        [item(), { slug: article.slug, unknown: 1 }],
        [item(), 'not-an-object'],
      ];
      for (const body of bodies) {
        const res = await reader.post('/views/batch', body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      }
      await sleep(1500);
      expect(await views(article.slug)).toBe(0);
    });
  });

  describe('redelivery and crash leftovers', () => {
    it('counts a batch delivered twice once, and applies a flush left behind by a crash exactly once', async () => {
      const article = await published();
      const redis = await newsroom.redis();
      // the article's view shard: its counting queue and its counters (on a single node, the deployment's own tag and queues)
      const shard = newsroom.keyspace.viewShardOf(article.id);
      const queue = newsroom.queue(QueueName.ViewCounting, shard.queuePrefix);
      const keys = (key: string) => newsroom.keyspace.viewShardKey(shard, key);
      try {
        const at = new Date().toISOString();
        const batch = { schema: 1, batchId: randomUUID(), views: [1, 2, 3].map((n) => ({ articleId: article.id, visitor: `ulang-${n}`, at })) };
        // BullMQ delivers at least once: the same batch as two jobs stands for a redelivery
        await queue.add('count-views', batch, { jobId: `${batch.batchId}-first` });
        await queue.add('count-views', batch, { jobId: `${batch.batchId}-again` });
        await expectViews(article.slug, 3);

        // A flusher that died after its commit left its counters in Redis: they must not count again.
        const hour = Math.floor(Date.now() / 3_600_000) * 3600;
        const committed = `flush-${randomUUID()}`;
        await queryTestDatabase(`insert into view_flushes (id, views, at) values ($1, 7, now())`, [committed]);
        await redis.hset(keys(`views:flushing:${committed}`), `${hour}|${article.id}`, '7');
        // ... and one that died before its commit: those counters must count, once.
        const uncommitted = `flush-${randomUUID()}`;
        await redis.hset(keys(`views:flushing:${uncommitted}`), `${hour}|${article.id}`, '5');
        await redis.sadd(keys('views:flushes'), committed, uncommitted);
        await expectViews(article.slug, 8);
        expect(await redis.exists(keys(`views:flushing:${committed}`), keys(`views:flushing:${uncommitted}`))).toBe(0);
        expect(await redis.smembers(keys('views:flushes'))).toEqual([]);
      } finally {
        await queue.close();
        redis.disconnect();
      }
    });

    it('leaves no marker for readers\' batches, and counts one sent again (ioredis re-sending it after a reconnect) once', async () => {
      const article = await published();
      const redis = await newsroom.redis();
      const shard = newsroom.keyspace.viewShardOf(article.id);
      const key = (name: string) => newsroom.keyspace.viewShardKey(shard, name);
      // the markers of queued batches (the test before left some): readers' views add none
      const markers = async () =>
        (await Promise.all((redis instanceof Cluster ? redis.nodes('master') : [redis]).map((node) => node.keys(key('views:batch:*'))))).flat().sort();
      try {
        const before = await markers();
        for (let i = 0; i < 3; i++) expect((await reader.post('/views', { slug: article.slug, visitorId: visitor() })).status).toBe(202);
        await expectViews(article.slug, 3);
        expect(await markers()).toEqual(before);

        // the site's script as the site sends it (no marker), twice: the dedup keys it set the first time count nothing again
        const now = new Date();
        const script = countViewsScript(redis);
        const sendCounting = () =>
          script.countViewBatch(
            2, key(ShardKeys.batch('resent')), key(ShardKeys.pending),
            1800, 0, 1000, key(ViewMinuteKey.stem), MINUTE_BUCKET_SECONDS, key(ShardKeys.dedupStem), key(ShardKeys.clientStem),
            article.id, 'visitor-resent', 'client-resent', hourBucket(now), minuteBucket(now),
          );
        expect(await sendCounting()).toBe(1);
        expect(await sendCounting()).toBe(0);
        expect(await redis.exists(key(ShardKeys.batch('resent')))).toBe(0);
        await expectViews(article.slug, 4);
      } finally {
        redis.disconnect();
      }
    });
  });

  describe('per-minute buckets', () => {
    it('counts each counted view in its minute\'s bucket too, kept for two hours', async () => {
      const article = await published();
      const redis = await newsroom.redis();
      // a minute's bucket is kept per view shard (one on a single node)
      const bucket = (minute: number, articleId = article.id) => minuteBucketKey(articleId, minute);
      const everyShardsBucket = (minute: number) => newsroom.keyspace.viewShards.map((shard) => newsroom.keyspace.viewShardKey(shard, `views:minute:${minute}`));
      try {
        const firstMinute = Math.floor(Date.now() / 60_000) * 60;
        for (let i = 0; i < 3; i++) expect((await reader.post('/views', { slug: article.slug, visitorId: visitor() })).status).toBe(202);
        const me = visitor();
        for (let i = 0; i < 2; i++) expect((await reader.post('/views', { slug: article.slug, visitorId: me })).status).toBe(202);
        expect((await newsroom.api.withHeaders({ 'user-agent': GOOGLEBOT }).post('/views', { slug: article.slug, visitorId: visitor() })).status).toBe(202);
        await expectViews(article.slug, 4);
        const lastMinute = Math.floor(Date.now() / 60_000) * 60;

        // the views fall in the minute they were sent in (or a later one, if a minute turned meanwhile)
        let inBuckets = 0;
        for (let minute = firstMinute; minute <= lastMinute; minute += 60) {
          const views = await redis.hget(bucket(minute), article.id);
          if (views === null) continue;
          inBuckets += Number(views);
          const ttl = await redis.ttl(bucket(minute));
          expect(ttl).toBeGreaterThan(2 * 3600 - 120);
          expect(ttl).toBeLessThanOrEqual(2 * 3600);
        }
        expect(inBuckets).toBe(4);

        // /metrics adds up the last complete minute's bucket: readers' counted views per minute
        const previousMinute = () => Math.floor(Date.now() / 60_000) * 60 - 60;
        const elsewhere = randomUUID();
        await redis.hincrby(bucket(previousMinute(), elsewhere), elsewhere, 5);
        await eventually(
          async () => {
            const minute = previousMinute();
            const inBucket = (await Promise.all(everyShardsBucket(minute).map((key) => redis.hvals(key)))).flat().reduce((sum, n) => sum + Number(n), 0);
            const shown = Number(/^newsroom_views_counted_last_minute (\S+)$/m.exec((await newsroom.api.get('/metrics')).text)?.[1]);
            return minute === previousMinute() && inBucket >= 5 && shown === inBucket;
          },
          { timeoutMs: 5000, what: 'the last minute\'s views in /metrics' },
        );
      } finally {
        redis.disconnect();
      }
    });
  });

  describe('a correction that moves an article to another rubric', () => {
    it('moves its counts from the old rubric\'s Populer lists and hour buckets to the new one\'s, once', async () => {
      const admin = await newsroom.adminClient();
      await ensureRubric(admin, 'ekonomi', 'Ekonomi');
      const editor = await createStaff(admin, ['editor'], 'Bima Prasetyo');
      const rubricIds = new Map(
        (await queryTestDatabase<{ id: string; slug: string }>(`select id, slug from rubrics where slug in ('dunia', 'ekonomi')`)).map((r) => [r.slug, r.id]),
      );
      const article = await published();
      for (let i = 0; i < 3; i++) expect((await reader.post('/views', { slug: article.slug, visitorId: visitor() })).status).toBe(202);
      await expectViews(article.slug, 3);
      const windowViews = async (rubric: string, window = '24h') =>
        ((await newsroom.api.get(`/articles/popular?window=${window}&rubric=${rubric}&limit=100`)).body as { id: string; windowViews: number }[]).find(
          (i) => i.id === article.id,
        )?.windowViews;
      expect([await windowViews('dunia'), await windowViews('ekonomi')]).toEqual([3, undefined]);

      const corrected = await editor.api.post(`/articles/${article.id}/corrections`, {
        version: article.version,
        note: 'Artikel ini semestinya dimuat di rubrik Ekonomi.',
        rubric: 'ekonomi',
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.rubric).toEqual({ slug: 'ekonomi', name: 'Ekonomi' });
      for (const window of ['24h', '7d', '30d']) {
        await eventually(async () => (await windowViews('ekonomi', window)) === 3, { timeoutMs: 3000, what: `the counts in Ekonomi's ${window} list` });
        expect(await windowViews('dunia', window)).toBeUndefined();
      }

      const redis = await newsroom.redis({ keyPrefix: newsroom.keyspace.appKeyPrefix });
      const upkeep = newsroom.queue(QueueName.ViewUpkeep);
      try {
        // the hour buckets file the counts under Ekonomi too, so an hour leaving a window is subtracted from Ekonomi's lists
        const hours = await queryTestDatabase<{ hour: string; views: string }>(
          `select extract(epoch from hour)::bigint::text as hour, views::text from article_view_hours where article_id = $1`,
          [article.id],
        );
        for (const { hour, views: inHour } of hours) {
          expect(await redis.zscore(`views:hour:${hour}`, `${rubricIds.get('ekonomi')}|${article.id}`)).toBe(inHour);
          expect(await redis.zscore(`views:hour:${hour}`, `${rubricIds.get('dunia')}|${article.id}`)).toBeNull();
        }

        // the change delivered again (BullMQ delivers at least once) moves nothing twice; new views count in Ekonomi
        for (let i = 0; i < 2; i++) await upkeep.add('article-visibility-changed', { schema: 1, articleId: article.id, published: true });
        expect((await reader.post('/views', { slug: article.slug, visitorId: visitor() })).status).toBe(202);
        await expectViews(article.slug, 4);
        await eventually(async () => (await windowViews('ekonomi')) === 4, { timeoutMs: 3000, what: 'the new view in Ekonomi\'s list' });
        await eventually(async () => (await upkeep.getJobCounts('wait', 'active')).wait === 0, { what: 'the changes to be taken' });
        await sleep(1500);
        expect([await windowViews('ekonomi'), await windowViews('dunia')]).toEqual([4, undefined]);
        expect(await redis.zscore('popular:24h', article.id)).toBe('4');
        expect(await redis.zscore(`popular:30d:rubric:${rubricIds.get('dunia')}`, article.id)).toBeNull();
        expect(await redis.hexists('views:rubric-checks', article.id)).toBe(0);
      } finally {
        await upkeep.close();
        redis.disconnect();
      }
    });
  });

  describe('pruning the flush ids kept for idempotency', () => {
    it('deletes ids past the horizon in batches, and keeps recent ones and any a flush has still open', async () => {
      const redis = await newsroom.redis({ keyPrefix: newsroom.keyspace.appKeyPrefix });
      const shards = await newsroom.redis();
      const upkeep = newsroom.queue(QueueName.ViewUpkeep);
      const lock = `test-${randomUUID()}`;
      const count = async (pattern: string) =>
        Number((await queryTestDatabase<{ n: string }>(`select count(*)::text as n from view_flushes where id like $1`, [pattern]))[0].n);
      try {
        // more than one delete batch of old ids, one just inside the horizon, one old but still open
        await queryTestDatabase(`insert into view_flushes (id, views, at) select 'lama-' || g, 1, now() - interval '8 days' from generate_series(1, 12000) g`);
        await queryTestDatabase(`insert into view_flushes (id, views, at) values ('baru-1', 1, now() - interval '6 days'), ('terbuka-1', 1, now() - interval '30 days')`);
        // an open flush stays open while no flush runs: hold the flush lock (once no flush holds it)
        await eventually(async () => (await redis.set('views:flush-lock', lock, 'PX', 30_000, 'NX')) === 'OK', { what: 'the flush lock' });
        // a shard's set of open flushes (the deployment's own on a single node)
        await shards.sadd(newsroom.keyspace.viewShardKey(newsroom.keyspace.viewShards[0], 'views:flushes'), 'terbuka-1');
        const recentFlushes = await count('%-%-%-%-%');

        await upkeep.add('prune-view-flushes', { schema: 1 });
        await eventually(async () => (await count('lama-%')) === 0, { timeoutMs: 10_000, what: 'the old flush ids to be pruned' });
        expect([await count('baru-1'), await count('terbuka-1')]).toEqual([1, 1]);
        expect(await count('%-%-%-%-%')).toBeGreaterThanOrEqual(recentFlushes);
      } finally {
        // the flush that runs next closes the made-up open flush (it has no counters)
        if ((await redis.get('views:flush-lock')) === lock) await redis.del('views:flush-lock');
        await upkeep.close();
        redis.disconnect();
        shards.disconnect();
      }
    });
  });

  describe('the published-article index the beacon resolves with', () => {
    it('learns articles it missed, forgets unpublished ones, and is rebuilt when Redis loses it', async () => {
      const article = await published();
      const redis = await newsroom.redis();
      // the registered view-counting queue, where the views service also takes visibility changes
      const queue = newsroom.queue(QueueName.ViewCounting);
      const key = (name: string) => `${newsroom.keyspace.appKeyPrefix}published-articles:${name}`;
      try {
        // inserted behind the service's back: the first view finds it in Postgres and has it indexed
        const first = visitor();
        expect((await reader.post('/views', { slug: article.slug, visitorId: first })).status).toBe(202);
        await eventually(async () => (await redis.hget(key('by-slug'), article.slug)) === article.id, { what: 'the article to be indexed' });
        expect(await redis.hget(key('by-id'), article.id)).toBe(article.slug);

        // unpublished: the visibility job (relayed from the outbox in real life) drops it, and views are refused
        await queryTestDatabase(`update articles set status = 'unpublished' where id = $1`, [article.id]);
        await queue.add('article-visibility-changed', { schema: 1, articleId: article.id, published: false });
        await eventually(async () => (await redis.hget(key('by-slug'), article.slug)) === null, { what: 'the article to leave the index' });
        // The site forgets it when the index's announcement reaches it, which on a cluster crosses the cluster bus
        // first: a beacon sent the moment the index changed may still be taken. The visitor already counted asks,
        // so nothing can count meanwhile.
        await eventually(async () => (await reader.post('/views', { slug: article.slug, visitorId: first })).status === 404, {
          timeoutMs: 1000,
          intervalMs: 20,
          what: 'views of the unpublished article to be refused',
        });

        // Redis lost the index: the next flush tick rebuilds it from Postgres
        const other = await published();
        await redis.del(key('by-slug'), key('by-id'), key('built'));
        await eventually(async () => (await redis.hget(key('by-slug'), other.slug)) === other.id, { what: 'the index to be rebuilt' });
        expect(await redis.hget(key('by-id'), article.id)).toBeNull();
        // the one view it had while published stays counted (its page is a 404 now, so ask Postgres)
        const total = async () => (await queryTestDatabase<{ views: string }>(`select views from article_view_totals where article_id = $1`, [article.id]))[0]?.views;
        await eventually(async () => (await total()) === '1', { timeoutMs: 2000, what: 'the one view to be flushed' });
      } finally {
        await queue.close();
        redis.disconnect();
      }
    });
  });

  describe('a Redis that lost everything (the suite\'s prefix flushed)', () => {
    it('keeps Populer, UPDATE and views right, rebuilds the ranking from Postgres, and counts on', async () => {
      const [a, b] = [await published(), await published()];
      for (let i = 0; i < 3; i++) expect((await reader.post('/views', { slug: a.slug, visitorId: visitor() })).status).toBe(202);
      expect((await reader.post('/views', { slug: b.slug, visitorId: visitor() })).status).toBe(202);
      await expectViews(a.slug, 3);
      const windowViews = async (id: string) =>
        ((await newsroom.api.get('/articles/popular?window=24h&limit=100')).body as { id: string; windowViews: number }[]).find((i) => i.id === id)
          ?.windowViews;
      expect([await windowViews(a.id), await windowViews(b.id)]).toEqual([3, 1]);
      const latestBefore = (await newsroom.api.get('/articles/latest?limit=5')).body;

      await newsroom.flushRedisPrefix();
      // nothing in Redis: the lists and counts come from Postgres meanwhile
      expect([await windowViews(a.id), await windowViews(b.id)]).toEqual([3, 1]);
      expect((await newsroom.api.get('/articles/latest?limit=5')).body).toEqual(latestBefore);
      expect(await views(a.slug)).toBe(3);

      // the next views bring the flush tick back, which rebuilds the ranking from Postgres
      expect((await reader.post('/views', { slug: b.slug, visitorId: visitor() })).status).toBe(202);
      expect((await reader.post('/views/batch', [{ articleId: b.id, visitorId: visitor() }])).status).toBe(202);
      await expectViews(b.slug, 3, 10_000);
      const redis = await newsroom.redis();
      try {
        const key = (name: string) => `${newsroom.keyspace.appKeyPrefix}${name}`;
        await eventually(async () => (await redis.exists(key('popular:built'))) === 1, { what: 'the ranking to be rebuilt' });
        await eventually(async () => (await redis.zscore(key('popular:24h'), b.id)) === '3', { what: 'the new views in the ranking' });
        expect(await redis.zscore(key('popular:24h'), a.id)).toBe('3');
      } finally {
        redis.disconnect();
      }
      expect([await windowViews(a.id), await windowViews(b.id)]).toEqual([3, 3]);
      expect(await views(a.slug)).toBe(3);
    });
  });

  describe('under load', () => {
    it('counts 20 parallel clients\' views exactly: every unique view once, every repeat not at all', async () => {
      const [a, b] = [await published(), await published()];
      const clients = 20;
      const perClient = 60;
      // each client's 20 visitors view b, then a, then b again: 40 unique (visitor, article) pairs and 20 repeats
      const results = await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          const statuses: number[] = [];
          for (let i = 0; i < perClient; i++) {
            const res = await reader.post('/views', { slug: (Math.floor(i / 20) % 2 ? a : b).slug, visitorId: `klien-${c}-${i % 20}` });
            statuses.push(res.status);
          }
          return statuses;
        }),
      );
      expect(results.flat().every((s) => s === 202)).toBe(true);
      await expectViews(a.slug, clients * 20, 3000);
      expect(await views(b.slug)).toBe(clients * 20);
    });

    it('loses and doubles nothing when the views service is killed (SIGKILL) mid-load and restarted', async () => {
      const article = await published();
      const clients = 20;
      const perClient = 150;
      let sent = 0;
      const load = Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let i = 0; i < perClient; i++) {
            // single views and small batches, every one a distinct visitor
            const res =
              i % 3 === 0
                ? await reader.post('/views/batch', [
                    { slug: article.slug, visitorId: `crash-${c}-${i}-a` },
                    { slug: article.slug, visitorId: `crash-${c}-${i}-b` },
                  ])
                : await reader.post('/views', { articleId: article.id, visitorId: `crash-${c}-${i}` });
            if (res.status !== 202) throw new Error(`view refused: ${res.status} ${res.text}`);
            sent += i % 3 === 0 ? 2 : 1;
            await sleep(10);
          }
        }),
      );
      await eventually(async () => (await views(article.slug)) > 0, { timeoutMs: 5000, what: 'the first counts to arrive' });
      await newsroom.stopApp('views', 'SIGKILL');
      await load;
      const whileDown = await views(article.slug);
      expect(whileDown).toBeLessThan(sent);
      await newsroom.startApp('views');
      // a batch the killed worker held comes back once its lock runs out (seconds)
      await expectViews(article.slug, sent, 30_000);
      const [row] = await queryTestDatabase<{ hours: string }>(`select sum(views)::text as hours from article_view_hours where article_id = $1`, [article.id]);
      expect(Number(row.hours)).toBe(sent);
    });
  });
});
