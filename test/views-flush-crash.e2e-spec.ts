import { BROWSER_USER_AGENT, createStaff, ensureRubric, eventually, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase, sleep } from '@newsroom/testing';
import type { RedisConnection } from '@newsroom/redis';

/** kills that landed inside a flush, wanted; and how many kills to try for them (a flush can end between seeing it and the kill) */
const KILLS_MID_FLUSH = 2;
const MAX_KILLS = 8;

/**
 * The views service killed with SIGKILL while a flush is under way (its
 * counters claimed in Redis, not yet cleaned up), again and again under load:
 * the counts in Postgres end exactly equal to the views accepted. A flush id
 * that died is applied by the next run, and applied once.
 */
describe('the views service killed in the middle of flushes', () => {
  let newsroom: NewsroomProcesses;
  let redis: RedisConnection;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({
      apps: ['gateway', 'views'],
      // flush ten times a second, so kills land inside flushes; every view here comes from one address
      env: { NEWSROOM_VIEW_FLUSH_MS: '100', NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: '1000000' },
    });
    redis = await newsroom.redis();
  });
  afterAll(async () => {
    redis?.disconnect();
    await newsroom?.stop();
  });

  it('neither loses nor doubles a view', async () => {
    const admin = await newsroom.adminClient();
    await ensureRubric(admin);
    const reporter = await createStaff(admin, ['reporter']);
    const article = await insertArticle({ authorId: reporter.id, status: 'published' });
    const reader = newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
    // the flushes still open in the article's view shard (the deployment's own set on a single node)
    const openFlushes = newsroom.keyspace.viewShardKey(newsroom.keyspace.viewShardOf(article.id), 'views:flushes');

    let sent = 0;
    let loading = true;
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, client) => {
        for (let i = 0; loading; i++) {
          const res = await reader.post('/views/batch', Array.from({ length: 5 }, (_, v) => ({ articleId: article.id, visitorId: `f-${client}-${i}-${v}` })));
          if (res.status !== 202) throw new Error(`views refused: ${res.status} ${res.text}`);
          sent += 5;
          await sleep(5);
        }
      }),
    );

    // A flush is under way while its id is in the set of open flushes: kill right then.
    let killedMidFlush = 0;
    try {
      for (let kill = 0; kill < MAX_KILLS && killedMidFlush < KILLS_MID_FLUSH; kill++) {
        await sleep(500);
        await eventually(async () => (await redis.scard(openFlushes)) > 0, { timeoutMs: 10_000, intervalMs: 1, what: 'a flush under way' });
        await newsroom.stopApp('views', 'SIGKILL');
        if ((await redis.scard(openFlushes)) > 0) killedMidFlush++;
        await newsroom.startApp('views');
      }
    } finally {
      loading = false;
      await load;
    }
    expect(killedMidFlush).toBeGreaterThan(0);

    // Batches the killed processes held come back when their locks run out; the flush lock expires likewise.
    const counted = async () =>
      Number((await queryTestDatabase<{ n: string }>(`select coalesce(sum(views), 0)::text as n from article_view_hours where article_id = $1`, [article.id]))[0].n);
    await eventually(async () => (await counted()) >= sent, { timeoutMs: 45_000, intervalMs: 250, what: `all ${sent} views to be counted` });
    await sleep(1500); // a double count would arrive with the next flushes
    expect(await counted()).toBe(sent);
    const [total] = await queryTestDatabase<{ views: string }>(`select views::text from article_view_totals where article_id = $1`, [article.id]);
    expect(Number(total.views)).toBe(sent);
  });
});
