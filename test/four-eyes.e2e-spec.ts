import { ApiClient, createStaff, ensureRubric, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase, SseClient, Staff } from '@newsroom/testing';

/** What a refusal must leave untouched: the row, its history and its claims. */
const snapshot = async (id: string) => ({
  article: await queryTestDatabase('select status, version, approved_version, approved_by_id, updated_at from articles where id = $1', [id]),
  events: await queryTestDatabase('select count(*)::int as n from article_events where article_id = $1', [id]),
  claims: await queryTestDatabase('select count(*)::int as n from review_claims where article_id = $1', [id]),
  corrections: await queryTestDatabase('select count(*)::int as n from article_corrections where article_id = $1', [id]),
});

/**
 * Four-eyes on every decision (API v1.1): the author of an article, whatever
 * roles they hold, may not claim, approve, request changes on, reject or
 * correct it; scheduling and publishing it once another editor approved it
 * stays open. The queue shows their own items as not actionable.
 */
describe('four-eyes on every decision', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  /** writes, edits, schedules and reviews: every role but admin */
  let allRounder: Staff;
  let editor: Staff;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'review'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    [allRounder, editor] = await Promise.all([createStaff(admin, ['reporter', 'editor', 'scheduler', 'admin'], 'Hani Fatunnisa'), createStaff(admin, ['editor'], 'Ratna Kusumawati')]);
  });
  afterAll(() => newsroom?.stop());

  it('refuses the author every review decision with 403 REVIEW.OWN_ARTICLE, storing nothing; another editor may', async () => {
    const own = await insertArticle({ authorId: allRounder.id, status: 'in_review' });
    const before = await snapshot(own.id);
    const calls: [string, () => Promise<{ status: number; body: { code?: string } }>][] = [
      ['claim', () => allRounder.api.post(`/review-queue/${own.id}/claim`)],
      ['approve', () => allRounder.api.post(`/review-queue/${own.id}/approve`, { version: own.version })],
      ['request changes', () => allRounder.api.post(`/review-queue/${own.id}/request-changes`, { version: own.version, comment: 'Perbaiki judul.' })],
      ['reject', () => allRounder.api.post(`/review-queue/${own.id}/reject`, { version: own.version, comment: 'Tidak layak.' })],
    ];
    for (const [what, call] of calls) {
      const res = await call();
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 403, code: 'REVIEW.OWN_ARTICLE' });
    }
    expect(await snapshot(own.id)).toEqual(before);
    // the contract's order holds: an unknown article is 404 before any of it, a stale version is still 403 for the author
    expect((await allRounder.api.post('/review-queue/7d0f7e36-5d2b-4c39-9a53-3c1c2e7f0a11/claim')).status).toBe(404);
    expect((await allRounder.api.post(`/review-queue/${own.id}/approve`, { version: own.version - 1 })).status).toBe(403);
    expect((await allRounder.api.post(`/review-queue/${own.id}/approve`, { version: own.version, extra: 1 })).status).toBe(400);

    expect((await editor.api.post(`/review-queue/${own.id}/claim`)).status).toBe(200);
    expect((await editor.api.post(`/review-queue/${own.id}/request-changes`, { version: own.version, comment: 'Perbaiki judul.' })).status).toBe(200);
  });

  it('lists the author\'s own items as not actionable, to them only, in the queue and on its stream', async () => {
    const own = await insertArticle({ authorId: allRounder.id, status: 'in_review' });
    const others = await insertArticle({ authorId: editor.id, status: 'in_review' });
    const mine = (await allRounder.api.get('/review-queue')).body as { article: { id: string }; actionable: boolean }[];
    expect(mine.find((i) => i.article.id === own.id)?.actionable).toBe(false);
    expect(mine.find((i) => i.article.id === others.id)?.actionable).toBe(true);
    const theirs = (await editor.api.get('/review-queue')).body as { article: { id: string }; actionable: boolean }[];
    expect(theirs.find((i) => i.article.id === own.id)?.actionable).toBe(true);
    expect(theirs.find((i) => i.article.id === others.id)?.actionable).toBe(false);

    const stream = await SseClient.open(`${newsroom.baseUrl}/review-queue/stream`, { authorization: `Bearer ${allRounder.api.token}` });
    try {
      expect(stream.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      expect((await editor.api.post(`/review-queue/${own.id}/claim`)).status).toBe(200);
      const claimed = await stream.waitFor((m) => m.event === 'claimed' && JSON.parse(m.data).articleId === own.id, { timeoutMs: 5000 });
      expect(JSON.parse(claimed.data).item.actionable).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('leaves scheduling and publishing an article another editor approved open to its author, and refuses them its correction', async () => {
    const own = await insertArticle({ authorId: allRounder.id, status: 'approved' });
    const scheduled = await allRounder.api.post(`/articles/${own.id}/schedule`, { publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(scheduled.status).toBe(200);
    const published = await allRounder.api.post(`/articles/${own.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    const before = await snapshot(own.id);
    const refused = await allRounder.api.post(`/articles/${own.id}/corrections`, { version: published.body.version, note: 'Nama diperbaiki.', headline: 'Judul Baru' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('REVIEW.OWN_ARTICLE');
    expect(await snapshot(own.id)).toEqual(before);
    const corrected = await editor.api.post(`/articles/${own.id}/corrections`, { version: published.body.version, note: 'Nama diperbaiki.' });
    expect(corrected.status).toBe(200);
  });
});
