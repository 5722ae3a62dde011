import { QueueName } from '@newsroom/contracts';
import {
  ALL_APPS,
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  insertScheduledArticles,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  sleep,
  Staff,
} from '@newsroom/testing';

/** The publisher's connections carry this name (libpq's PGAPPNAME), so a test can cut exactly them. */
const PUBLISHER_APP_NAME = 'newsroom-publisher';
/** Big enough that a burst takes the publisher (100 articles a transaction, 10 at once) a few seconds, small enough to insert in one. */
const BURST = 3000;

/**
 * Scheduled publishing when things go wrong, against the real processes: a
 * publisher killed mid-burst, its database connections cut mid-publish, every
 * process down across the due time, and the changes that must keep an article
 * offline at its old time (an edit after approval, an embargo that outlasts
 * the slot). The promise each time: every article live once, none too early.
 */
describe('scheduled publishing under failures (real processes, Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let reporter: Staff;
  let editor: Staff;
  let scheduler: Staff;

  interface ArticleRow {
    status: string;
    version: number;
    scheduled_for: Date | null;
    embargo_until: Date | null;
    published_at: Date | null;
  }

  const row = async (id: string) =>
    (await queryTestDatabase<ArticleRow>(`select status, version, scheduled_for, embargo_until, published_at from articles where id = $1`, [id]))[0];
  const inMs = (ms: number) => new Date(Date.now() + ms);
  const startPublisher = () => newsroom.startApp('publisher', { env: { PGAPPNAME: PUBLISHER_APP_NAME } });
  const publishedCount = async (ids: string[]) =>
    (await queryTestDatabase<{ n: number }>(`select count(*)::int as n from articles where status = 'published' and id = any($1::uuid[])`, [ids]))[0].n;
  const waitUntilAllLive = (ids: string[], timeoutMs: number) =>
    eventually(async () => (await publishedCount(ids)) === ids.length, { timeoutMs, intervalMs: 200, what: `all ${ids.length} articles to go live` });

  /**
   * Exactly once, and consistently: each article is published at `version`
   * (one step after the scheduled version), with one `published` history line
   * at that version and one `article.published` outbox event, relayed.
   */
  async function expectPublishedExactlyOnce(ids: string[], version = 4): Promise<void> {
    const [summary] = await queryTestDatabase<{ articles: number; at_version: number; events: number; events_at_version: number; outbox: number; unrelayed: number; doubled: number }>(
      `select (select count(*)::int from articles where id = any($1::uuid[]) and status = 'published') as articles,
              (select count(*)::int from articles where id = any($1::uuid[]) and status = 'published' and version = $2) as at_version,
              (select count(*)::int from article_events where article_id = any($1::uuid[]) and type = 'published') as events,
              (select count(*)::int from article_events where article_id = any($1::uuid[]) and type = 'published' and version = $2) as events_at_version,
              (select count(*)::int from outbox_events where article_id = any($1::uuid[]) and type = 'article.published') as outbox,
              (select count(*)::int from outbox_events where article_id = any($1::uuid[]) and type = 'article.published' and relayed_at is null) as unrelayed,
              (select count(*)::int from (select article_id from article_events where article_id = any($1::uuid[]) and type = 'published'
                                           group by article_id having count(*) > 1) d) as doubled`,
      [ids, version],
    );
    const n = ids.length;
    expect(summary).toEqual({ articles: n, at_version: n, events: n, events_at_version: n, outbox: n, unrelayed: 0, doubled: 0 });
  }

  /** Long enough for a publisher to start and create the burst's jobs while another suite shares the two cores. */
  const BURST_LEAD_MS = 10_000;

  /** A burst of scheduled articles whose delayed jobs a freshly started publisher creates (start-up reconciliation). */
  async function burstWithPublisherRestart(leadMs: number): Promise<{ ids: string[]; slot: Date }> {
    await newsroom.stopApp('publisher');
    const slot = inMs(leadMs);
    const ids = await insertScheduledArticles({ authorId: reporter.id, count: BURST, firstAt: slot });
    await startPublisher();
    // the point is a burst of delayed jobs firing together, not start-up reconciliation publishing them
    expect(Date.now()).toBeLessThan(slot.getTime());
    return { ids, slot };
  }

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    await startPublisher();
    const admin = await newsroom.adminClient();
    await ensureRubric(admin);
    [reporter, editor, scheduler] = await Promise.all([
      createStaff(admin, ['reporter']),
      createStaff(admin, ['editor']),
      createStaff(admin, ['scheduler']),
    ]);
  });
  afterAll(() => newsroom?.stop());

  /**
   * The end of a disturbed burst: every article live, the publishing queue
   * empty (a dead worker's jobs stay active until their locks run out, 10 s,
   * then run again, so a double publish would have had its chance), the outbox
   * relayed, and each article published exactly once.
   */
  async function expectBurstSettledOnce(ids: string[]): Promise<void> {
    await waitUntilAllLive(ids, 45_000);
    await newsroom.waitForQueuesToDrain({ queues: [QueueName.Publishing], timeoutMs: 30_000 });
    await eventually(async () => (await queryTestDatabase<{ n: number }>(
      `select count(*)::int as n from outbox_events where article_id = any($1::uuid[]) and relayed_at is null`, [ids]))[0].n === 0,
    { timeoutMs: 10_000, what: 'the outbox to be relayed' });
    await expectPublishedExactlyOnce(ids);
  }

  it('keeps an article edited after approval offline at its old slot: back in review, off the schedule', async () => {
    const { id } = await insertArticle({ authorId: reporter.id, status: 'approved' });
    const slot = inMs(2500);
    const scheduled = await scheduler.api.post(`/articles/${id}/schedule`, { publishAt: slot.toISOString() });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.version).toBe(4);

    const edited = await editor.api.patch(`/drafts/${id}`, { version: 4, lead: 'Teras yang disunting setelah disetujui.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'in_review', scheduledFor: null, version: 5 });

    // the slot's delayed job still fires, finds version 5 in review, and does nothing
    await sleep(Math.max(0, slot.getTime() + 2000 - Date.now()));
    expect(await row(id)).toMatchObject({ status: 'in_review', scheduled_for: null, published_at: null });
    const types = await queryTestDatabase<{ type: string }>(`select type from article_events where article_id = $1 order by id`, [id]);
    expect(types.map((t) => t.type)).toEqual(['scheduled', 'unscheduled', 'updated']);
    expect((await newsroom.api.get(`/articles/${edited.body.slug}`)).status).toBe(404);
  });

  // Scheduling refuses a slot before the embargo, so this state only arises when the embargo
  // moved after scheduling (or data came from elsewhere): built directly in the database.
  // The publisher neither drops the article nor publishes it early: the embargo is a floor on
  // the slot, so the article goes live the moment the embargo lifts.
  it('holds a scheduled article whose embargo outlasts its slot until the embargo lifts, then publishes it once', async () => {
    const slot = inMs(1500);
    const embargo = inMs(6500);
    const { id } = await insertArticle({ authorId: reporter.id, status: 'scheduled', scheduledFor: slot, embargoUntil: embargo });

    await sleep(Math.max(0, embargo.getTime() - 1000 - Date.now()));
    expect(await row(id)).toMatchObject({ status: 'scheduled', published_at: null });

    await waitUntilAllLive([id], 10_000);
    const live = await row(id);
    expect(live.published_at!.getTime()).toBeGreaterThanOrEqual(embargo.getTime());
    expect(live.published_at!.getTime() - embargo.getTime()).toBeLessThan(3000); // generous: a busy shared machine
    await expectPublishedExactlyOnce([id]);
  });

  it('publishes every article of a burst exactly once when the publisher is SIGKILLed mid-burst and restarted', async () => {
    const { ids } = await burstWithPublisherRestart(BURST_LEAD_MS);
    await eventually(async () => (await publishedCount(ids)) > 0, { timeoutMs: 15_000, intervalMs: 5, what: 'the burst to start going live' });
    await newsroom.stopApp('publisher', 'SIGKILL');
    const liveAtKill = await publishedCount(ids);
    expect(liveAtKill).toBeLessThan(BURST); // the kill really came mid-burst

    await startPublisher();
    await expectBurstSettledOnce(ids);
  });

  it('rolls back publishes whose database connections are cut, retries them, and ends with every article live once', async () => {
    const { ids } = await burstWithPublisherRestart(BURST_LEAD_MS);
    await eventually(async () => (await publishedCount(ids)) > 0, { timeoutMs: 15_000, intervalMs: 5, what: 'the burst to start going live' });
    let cut = 0;
    let liveAtFirstCut = 0;
    for (let round = 0; round < 3; round++) {
      const [{ n }] = await queryTestDatabase<{ n: number }>(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and application_name = $1`,
        [PUBLISHER_APP_NAME],
      );
      if (round === 0) liveAtFirstCut = await publishedCount(ids);
      cut += n;
      await sleep(250);
    }
    expect(cut).toBeGreaterThan(0);
    expect(liveAtFirstCut).toBeLessThan(BURST); // the cuts really came mid-burst

    await expectBurstSettledOnce(ids);

    // The same publisher process recovered: it still publishes on time through new connections.
    const { id } = await insertArticle({ authorId: reporter.id, status: 'approved' });
    expect((await scheduler.api.post(`/articles/${id}/schedule`, { publishAt: inMs(1500).toISOString() })).status).toBe(200);
    await waitUntilAllLive([id], 10_000);
  });

  it('publishes, once, what fell due while every process was stopped, as soon as they are back', async () => {
    const others = ALL_APPS.filter((app) => app !== 'gateway' && app !== 'publisher');
    await Promise.all(others.map((app) => newsroom.startApp(app)));
    const approved = await Promise.all([1, 2, 3].map(() => insertArticle({ authorId: reporter.id, status: 'approved' })));
    const slot = inMs(2500);
    for (const { id } of approved) {
      expect((await scheduler.api.post(`/articles/${id}/schedule`, { publishAt: slot.toISOString() })).status).toBe(200);
    }
    const ids = approved.map((a) => a.id);

    await Promise.all(ALL_APPS.map((app) => newsroom.stopApp(app)));
    await sleep(Math.max(0, slot.getTime() + 1500 - Date.now()));
    expect(await publishedCount(ids)).toBe(0);

    const restarted = Date.now();
    await Promise.all([newsroom.startApp('gateway'), startPublisher(), ...others.map((app) => newsroom.startApp(app))]);
    await waitUntilAllLive(ids, 15_000);
    for (const id of ids) expect((await row(id)).published_at!.getTime() - restarted).toBeLessThan(15_000);
    await sleep(1000);
    await expectPublishedExactlyOnce(ids, 5); // approved at 3, scheduled at 4
    // readers see them through the restarted gateway
    for (const { slug } of approved) expect((await newsroom.api.get(`/articles/${slug}`)).status).toBe(200);
  });
});
