import {
  BROWSER_USER_AGENT,
  eventually,
  insertArticle,
  insertScheduledArticles,
  NewsroomProcesses,
  queryTestDatabase,
  sleep,
  startViewCounting,
} from '@newsroom/testing';

/** NEWSROOM_SHUTDOWN_TIMEOUT_MS's default: an app still busy after it exits 1 */
const SHUTDOWN_BOUND_MS = 8000;

/**
 * SIGTERM to a queue-consuming service under load (issue 16, "Drained
 * shutdowns"): it takes no new job, finishes the ones it holds, exits 0
 * within the bound, and what it did not take is done by the replica or the
 * restart after it, once: no publish lost or doubled, no accepted view lost
 * or counted twice.
 */
describe('drained shutdown of the queue services: SIGTERM under load loses nothing and exits 0', () => {
  let newsroom: NewsroomProcesses;
  let authorId: string;

  beforeAll(async () => {
    ({ newsroom, reporter: { id: authorId } } = await startViewCounting());
  });
  afterAll(() => newsroom?.stop());

  it('a publisher stopped in the middle of a 300-article burst exits 0, and its replica publishes the rest: each article once', async () => {
    const count = 300;
    // long enough for both publishers to start and create the burst's jobs while another suite shares the cores
    const slot = new Date(Date.now() + 12_000);
    const ids = await insertScheduledArticles({ authorId, count, firstAt: slot, everyMs: 10 });
    await newsroom.startApp('publisher');
    await newsroom.startReplica('publisher');
    expect(Date.now()).toBeLessThan(slot.getTime());
    // the burst is under way: some published, not all
    const published = async () =>
      (await queryTestDatabase<{ n: number }>(`select count(*)::int as n from articles where id = any($1::uuid[]) and status = 'published'`, [ids]))[0].n;
    await eventually(async () => (await published()) > 0, { timeoutMs: 20_000, intervalMs: 20, what: 'the burst to begin' });
    const stopped = await newsroom.terminate('publisher');
    const whenStopped = await published();
    expect({ code: stopped.code, log: stopped.code === 0 ? '' : stopped.log.slice(-2000) }).toEqual({ code: 0, log: '' });
    expect(stopped.tookMs).toBeLessThan(SHUTDOWN_BOUND_MS);
    expect(stopped.log).toMatch(/SIGTERM: taking no new work/);
    expect(whenStopped).toBeLessThan(count); // it was stopped mid-burst, not after

    await eventually(async () => (await published()) === count, { timeoutMs: 30_000, what: `all ${count} published` });
    await sleep(1000);
    const [summary] = await queryTestDatabase<{ published: number; events: number; doubled: number }>(
      `select (select count(*)::int from articles where id = any($1::uuid[]) and status = 'published') as published,
              (select count(*)::int from article_events where article_id = any($1::uuid[]) and type = 'published') as events,
              (select count(*)::int from (select article_id from article_events where article_id = any($1::uuid[]) and type = 'published'
                                           group by article_id having count(*) > 1) d) as doubled`,
      [ids],
    );
    expect(summary).toEqual({ published: count, events: count, doubled: 0 });
  });

  it('a views service stopped while 100,000 views are being counted exits 0, and its restart counts every accepted view once', async () => {
    const { id, slug } = await insertArticle({ authorId, status: 'published' });
    const reader = newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
    const requests = 200;
    const perRequest = 500;
    let next = 0;
    let accepted = 0;
    let signalled: Promise<{ code: number | null; tookMs: number; log: string }> | undefined;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let r = next++; r < requests; r = next++) {
          const batch = Array.from({ length: perRequest }, (_, v) => ({ articleId: id, visitorId: `sigterm-${r}-${v}` }));
          const res = await reader.post('/views/batch', batch);
          if (res.status !== 202) throw new Error(`batch refused: ${res.status} ${res.text}`);
          accepted += res.body.accepted;
          // halfway through the flood, while the service is counting it
          if (r === requests / 2) signalled = newsroom.terminate('views');
        }
      }),
    );
    const stopped = await signalled!;
    expect({ code: stopped.code, log: stopped.code === 0 ? '' : stopped.log.slice(-2000) }).toEqual({ code: 0, log: '' });
    expect(stopped.tookMs).toBeLessThan(SHUTDOWN_BOUND_MS);
    expect(stopped.log).toMatch(/SIGTERM: taking no new work/);
    expect(accepted).toBe(requests * perRequest);

    await newsroom.startApp('views');
    const counted = async () => Number((await queryTestDatabase<{ views: string }>('select views from article_view_totals where article_id = $1', [id]))[0]?.views ?? 0);
    await eventually(async () => (await counted()) === accepted, { timeoutMs: 60_000, what: `the ${accepted} accepted views to be counted` }).catch(async (error: Error) => {
      throw new Error(`${error.message}: ${await counted()} counted`);
    });
    await sleep(2500);
    expect(await counted()).toBe(accepted);
    expect((await newsroom.api.get(`/articles/${slug}`)).status).toBe(200);
  });
});
