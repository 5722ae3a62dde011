import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { BROWSER_USER_AGENT, eventually, insertArticle, NewsroomProcesses, queryTestDatabase, sleep, startViewCounting } from '@newsroom/testing';

/** the bulk lane's limit in this suite: its oldest batch may wait this long before large batches are refused */
const MAX_BEHIND_SECONDS = 1;

/**
 * The bulk lane's back-off: while large POST /views/batch requests wait too
 * long to be counted (here the view-counting queue is paused, as an operator
 * would during maintenance), more of them get 503 with Retry-After and count
 * nothing, so Redis does not fill up with them; readers' beacons are still
 * taken; once the backlog is worked off, large batches are welcome again.
 */
describe('the bulk lane backs off while counting is behind', () => {
  let newsroom: NewsroomProcesses;
  let counting: Queue;
  let authorId: string;

  const reader = () => newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
  const batch = (articleId: string, size: number) => Array.from({ length: size }, () => ({ articleId, visitorId: `kolektor-${randomUUID()}` }));
  const counted = async (articleId: string) =>
    Number((await queryTestDatabase<{ views: string }>('select coalesce(sum(views), 0)::text as views from article_view_hours where article_id = $1', [articleId]))[0].views);

  beforeAll(async () => {
    ({ newsroom, reporter: { id: authorId } } = await startViewCounting({ NEWSROOM_VIEW_BULK_BACKLOG_MAX_SECONDS: String(MAX_BEHIND_SECONDS) }));
    counting = newsroom.queue('view-counting');
  });
  afterAll(async () => {
    await counting?.resume().catch(() => undefined);
    await counting?.close();
    await newsroom?.stop();
  });

  it('refuses large batches with 503 and Retry-After, still takes readers\' views, and takes batches again once caught up', async () => {
    const article = await insertArticle({ authorId, status: 'published' });
    /** views answered 202: exactly these must be counted in the end */
    let accepted = 0;
    const send = async (path: string, body: unknown) => {
      const res = await reader().post(path, body);
      if (res.status === 202) accepted += res.body.accepted;
      return res;
    };
    await counting.pause();
    expect((await send('/views/batch', batch(article.id, 50))).status).toBe(202);
    // the waiting batch grows older than the limit; the gateway looks at most once a second
    await sleep((MAX_BEHIND_SECONDS + 1.5) * 1000);
    await eventually(async () => (await send('/views/batch', batch(article.id, 11))).status === 503, { timeoutMs: 5000, what: 'large batches to be refused' });

    const refused = await send('/views/batch', batch(article.id, 200));
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'VIEWS.COUNTING_BEHIND' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // readers' own beacons are the prompt lane: never refused for the bulk lane's backlog
    expect((await send('/views', { articleId: article.id, visitorId: `pembaca-${randomUUID()}` })).status).toBe(202);
    expect((await send('/views/batch', batch(article.id, 10))).status).toBe(202);

    await counting.resume();
    // what was answered 202 is counted; nothing of the refused batches
    await eventually(async () => (await counted(article.id)) === accepted, { timeoutMs: 10_000, what: 'the accepted views to be counted' });
    await eventually(async () => (await send('/views/batch', batch(article.id, 50))).status === 202, { timeoutMs: 5000, what: 'large batches to be welcome again' });
    await eventually(async () => (await counted(article.id)) === accepted, { timeoutMs: 10_000, what: 'the batch taken again to be counted' });
    expect(accepted).toBeGreaterThanOrEqual(50 + 1 + 10 + 50);
  });
});
