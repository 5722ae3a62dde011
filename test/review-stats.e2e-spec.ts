import { ApiClient, createStaff, ensureRubric, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase, Staff } from '@newsroom/testing';

/**
 * The desk's figures (GET /review-queue/stats) from stored history, against
 * the real gateway and Postgres: counts, time to claim and to decision as
 * p50/p90 in seconds, the items over the SLA, per window and rubric.
 */
describe('review desk figures (gateway process, real Postgres)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let editor: Staff;

  /** one history line, `minutesAgo` before the database's now */
  const event = (articleId: string, type: string, minutesAgo: number, from: string | null, to: string | null, actorId: string | null) =>
    queryTestDatabase(
      `insert into article_events (article_id, at, actor_id, type, from_status, to_status, version) values ($1, now() - make_interval(mins => $2), $3, $4, $5, $6, 1)`,
      [articleId, minutesAgo, actorId, type, from, to],
    );
  const inReview = (options: { minutesAgo: number; priority?: 'normal' | 'breaking'; rubricSlug?: string }) =>
    insertArticle({ authorId: reporter.id, status: 'in_review', priority: options.priority, rubricSlug: options.rubricSlug, submittedAt: new Date(Date.now() - options.minutesAgo * 60_000) });

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin);
    await ensureRubric(admin, 'ekonomi', 'Ekonomi');
    [reporter, editor] = await Promise.all([createStaff(admin, ['reporter']), createStaff(admin, ['editor'])]);

    // approved: in the queue 60 min ago, claimed 5 min later, decided 10 min after entering
    const a = await insertArticle({ authorId: reporter.id, status: 'approved' });
    await event(a.id, 'submitted', 62, 'draft', 'submitted', reporter.id);
    await event(a.id, 'review_started', 60, 'submitted', 'in_review', null);
    await event(a.id, 'claimed', 55, 'in_review', 'in_review', editor.id);
    await event(a.id, 'approved', 50, 'in_review', 'approved', editor.id);
    // rejected: claimed after 2 min, decided after 15
    const b = await insertArticle({ authorId: reporter.id, status: 'rejected' });
    await event(b.id, 'submitted', 41, 'draft', 'submitted', reporter.id);
    await event(b.id, 'review_started', 40, 'submitted', 'in_review', null);
    await event(b.id, 'claimed', 38, 'in_review', 'in_review', editor.id);
    await event(b.id, 'released', 37, 'in_review', 'in_review', editor.id);
    await event(b.id, 'claimed', 36, 'in_review', 'in_review', editor.id);
    await event(b.id, 'rejected', 25, 'in_review', 'rejected', editor.id);
    // bounced by the submission check (no actor): not an editor's decision
    const c = await insertArticle({ authorId: reporter.id, status: 'changes_requested' });
    await event(c.id, 'submitted', 20, 'draft', 'submitted', reporter.id);
    await event(c.id, 'changes_requested', 20, 'submitted', 'changes_requested', null);
    // two days ago, in another rubric: only in the 7d window, never under rubric=dunia
    const d = await insertArticle({ authorId: reporter.id, status: 'changes_requested', rubricSlug: 'ekonomi' });
    await event(d.id, 'submitted', 2 * 24 * 60 + 2, 'draft', 'submitted', reporter.id);
    await event(d.id, 'review_started', 2 * 24 * 60, 'submitted', 'in_review', null);
    await event(d.id, 'changes_requested', 2 * 24 * 60 - 3, 'in_review', 'changes_requested', editor.id);
  });
  afterAll(() => newsroom?.stop());

  it('counts submissions and decisions, and gives the waits\' p50/p90 in seconds', async () => {
    const res = await editor.api.get('/review-queue/stats?window=24h');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      window: '24h',
      rubric: null,
      submitted: 3,
      decided: { approved: 1, changes_requested: 0, rejected: 1 },
      // first claims only: 300 s and 120 s; decisions: 600 s and 900 s (percentile_cont)
      timeToClaim: { p50: 210, p90: 282 },
      timeToDecision: { p50: 750, p90: 870 },
    });
    const week = await editor.api.get('/review-queue/stats?window=7d');
    expect(week.body).toMatchObject({ submitted: 4, decided: { approved: 1, changes_requested: 1, rejected: 1 }, timeToDecision: { p50: 600 } });
    const dunia = await editor.api.get('/review-queue/stats?window=7d&rubric=dunia');
    expect(dunia.body).toMatchObject({ rubric: 'dunia', submitted: 3, decided: { changes_requested: 0 } });
    const ekonomi = await editor.api.get('/review-queue/stats?window=30d&rubric=ekonomi');
    expect(ekonomi.body).toMatchObject({ submitted: 1, timeToClaim: { p50: null, p90: null }, timeToDecision: { p50: 180, p90: 180 } });
  });

  it('lists what waits longer than its SLA now (breaking: 5 minutes, else 30), longest first', async () => {
    const breaking = await inReview({ minutesAgo: 10, priority: 'breaking' });
    await inReview({ minutesAgo: 10 });
    const old = await inReview({ minutesAgo: 45 });
    await inReview({ minutesAgo: 60, rubricSlug: 'ekonomi' });
    const res = await editor.api.get('/review-queue/stats?rubric=dunia');
    expect(res.status).toBe(200);
    expect(res.body.overSla.map((i: { article: { id: string } }) => i.article.id)).toEqual([old.id, breaking.id]);
    expect(res.body.overSla[0]).toEqual({
      article: { id: old.id, headline: expect.any(String), rubric: { slug: 'dunia', name: 'Dunia' }, priority: 'normal' },
      waitingSeconds: expect.any(Number),
    });
    expect(res.body.overSla[0].waitingSeconds).toBeGreaterThanOrEqual(45 * 60 - 5);
    expect(res.body.overSla[0].waitingSeconds).toBeLessThan(46 * 60);
    expect((await editor.api.get('/review-queue/stats')).body.overSla).toHaveLength(3);
  });

  it('answers editors only, and refuses unknown windows, fields and rubrics', async () => {
    expect((await reporter.api.get('/review-queue/stats')).status).toBe(403);
    expect((await admin.as(undefined).get('/review-queue/stats')).status).toBe(401);
    expect((await editor.api.get('/review-queue/stats?window=1h')).status).toBe(400);
    expect((await editor.api.get('/review-queue/stats?sort=desc')).status).toBe(400);
    expect((await editor.api.get('/review-queue/stats?rubric=tidak-ada')).status).toBe(404);
  });

  it('measures each wait from the entry it answers: an entry before the window, a resubmission, a revision of a live article', async () => {
    await ensureRubric(admin, 'olahraga', 'Olahraga');
    const day = 24 * 60;
    // entered 26 h ago, claimed after 1 h (before the 24h window), approved after 4 h (inside it)
    const early = await insertArticle({ authorId: reporter.id, status: 'approved', rubricSlug: 'olahraga' });
    await event(early.id, 'submitted', 26 * 60 + 2, 'draft', 'submitted', reporter.id);
    await event(early.id, 'review_started', 26 * 60, 'submitted', 'in_review', null);
    await event(early.id, 'claimed', 25 * 60, 'in_review', 'in_review', editor.id);
    await event(early.id, 'approved', 22 * 60, 'in_review', 'approved', editor.id);
    // changes requested, then resubmitted: the second round is measured from its own entry
    const resubmitted = await insertArticle({ authorId: reporter.id, status: 'approved', rubricSlug: 'olahraga' });
    await event(resubmitted.id, 'submitted', 122, 'draft', 'submitted', reporter.id);
    await event(resubmitted.id, 'review_started', 120, 'submitted', 'in_review', null);
    await event(resubmitted.id, 'claimed', 110, 'in_review', 'in_review', editor.id);
    await event(resubmitted.id, 'changes_requested', 100, 'in_review', 'changes_requested', editor.id);
    await event(resubmitted.id, 'submitted', 61, 'changes_requested', 'submitted', reporter.id);
    await event(resubmitted.id, 'review_started', 60, 'submitted', 'in_review', null);
    await event(resubmitted.id, 'claimed', 57, 'in_review', 'in_review', editor.id);
    await event(resubmitted.id, 'approved', 50, 'in_review', 'approved', editor.id);
    // a live article reviewed 3 days ago, and its revision reviewed now: each from its own entry
    const live = await insertArticle({ authorId: reporter.id, status: 'published', rubricSlug: 'olahraga' });
    await event(live.id, 'submitted', 3 * day + 2, 'draft', 'submitted', reporter.id);
    await event(live.id, 'review_started', 3 * day, 'submitted', 'in_review', null);
    await event(live.id, 'claimed', 3 * day - 10, 'in_review', 'in_review', editor.id);
    await event(live.id, 'approved', 3 * day - 20, 'in_review', 'approved', editor.id);
    await event(live.id, 'published', 3 * day - 30, 'approved', 'published', null);
    const revision = await insertArticle({ authorId: reporter.id, status: 'approved', rubricSlug: 'olahraga', revisionOf: { id: live.id, version: live.version } });
    await event(revision.id, 'submitted', 32, 'draft', 'submitted', reporter.id);
    await event(revision.id, 'review_started', 30, 'submitted', 'in_review', null);
    await event(revision.id, 'claimed', 28, 'in_review', 'in_review', editor.id);
    await event(revision.id, 'approved', 20, 'in_review', 'approved', editor.id);

    const today = await editor.api.get('/review-queue/stats?window=24h&rubric=olahraga');
    expect(today.body).toMatchObject({
      submitted: 3,
      decided: { approved: 3, changes_requested: 1, rejected: 0 },
      // first claims in the window: 600 and 180 s (each round), 120 s (the revision); the early one's was before it
      timeToClaim: { p50: 180, p90: 516 },
      // 14,400 s (entered before the window), 1,200 and 600 s (each round), 600 s (the revision)
      timeToDecision: { p50: 900, p90: 10440 },
    });
    const week = await editor.api.get('/review-queue/stats?window=7d&rubric=olahraga');
    expect(week.body).toMatchObject({
      submitted: 5,
      decided: { approved: 4, changes_requested: 1, rejected: 0 },
      // claims 3,600, 600, 180, 600 (the live article), 120 s; decisions 14,400, 1,200, 600, 1,200, 600 s
      timeToClaim: { p50: 600, p90: 2400 },
      timeToDecision: { p50: 1200, p90: 9120 },
    });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await admin.as(undefined).get('/docs/openapi.json');
    expect(doc.body.paths['/review-queue/stats'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['rubric', 'window']);
  });
});
