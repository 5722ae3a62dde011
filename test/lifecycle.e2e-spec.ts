import { createStaff, ensureRubric, eventually, NewsroomProcesses, queryTestDatabase, resetDatabase, seedArticleInput, Staff } from '@newsroom/testing';

/**
 * The seed article's whole life through the gateway, with all five apps running
 * as separate processes: written, edited, submitted, checked, reviewed,
 * approved, scheduled, published on time, listed, read, counted, unpublished.
 */
describe('the seed article, from draft to unpublished', () => {
  let newsroom: NewsroomProcesses;
  let reporter: Staff;
  let editor: Staff;
  let scheduler: Staff;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start();
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    editor = await createStaff(admin, ['editor'], 'Redaktur Dunia');
    scheduler = await createStaff(admin, ['scheduler'], 'Penjadwal Pagi');
  });
  afterAll(() => newsroom?.stop());

  it('lives through every step of the workflow', async () => {
    // A reporter writes the draft.
    const created = await reporter.api.post('/drafts', seedArticleInput());
    expect(created.status).toBe(201);
    const article = created.body;
    expect(article).toMatchObject({
      slug: 'pakta-pertahanan-korut-rusia-mulai-berlaku-blok-barat-waspada',
      version: 1,
      status: 'draft',
      rubric: { slug: 'dunia', name: 'Dunia' },
      author: { id: reporter.id, name: 'Hani Fatunnisa' },
      image: { caption: 'Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin', credit: 'Net' },
      priority: 'normal',
    });

    // An edit against a stale version changes nothing; the current version goes through.
    const stale = await reporter.api.patch(`/drafts/${article.id}`, { version: 7, lead: 'Versi basi.' });
    expect(stale.status).toBe(409);
    expect((await reporter.api.get(`/drafts/${article.id}`)).body).toMatchObject({ version: 1, lead: article.lead });
    const edited = await reporter.api.patch(`/drafts/${article.id}`, { version: 1, lead: 'Pakta saling bantu Pyongyang dan Moskow resmi berlaku.' });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);

    // Submitted, then checked by the draft-submission service and handed to review.
    const submitted = await reporter.api.post(`/drafts/${article.id}/submit`);
    expect(submitted.status).toBe(202);
    expect(submitted.body.status).toBe('submitted');
    const inReview = await eventually(async () => {
      const res = await editor.api.get(`/drafts/${article.id}`);
      return res.body.status === 'in_review' ? res.body : undefined;
    }, { what: 'the draft to enter review' });

    // The editor finds it in the queue, claims it and approves exactly that version.
    const queue = await editor.api.get('/review-queue');
    expect(queue.status).toBe(200);
    expect(queue.body.map((item: { article: { id: string } }) => item.article.id)).toContain(article.id);
    expect((await editor.api.post(`/review-queue/${article.id}/claim`)).status).toBe(200);
    const approved = await editor.api.post(`/review-queue/${article.id}/approve`, { version: inReview.version, comment: 'Layak tayang.' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    // The scheduler sets it to go live in three seconds.
    const publishAt = new Date(Date.now() + 3000);
    const scheduled = await scheduler.api.post(`/articles/${article.id}/schedule`, { publishAt: publishAt.toISOString() });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledFor: publishAt.toISOString() });
    const calendar = await scheduler.api.get('/schedule');
    expect(calendar.body.map((a: { id: string }) => a.id)).toContain(article.id);
    expect((await newsroom.api.get(`/articles/${article.slug}`)).status).toBe(404);

    // It goes live on time, once.
    const live = await eventually(async () => {
      const res = await newsroom.api.get(`/articles/${article.slug}`);
      return res.status === 200 ? res.body : undefined;
    }, { timeoutMs: 10_000, intervalMs: 50, what: 'the article to go live' });
    const lateness = Date.parse(live.publishedAt) - publishAt.getTime();
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(1500);
    expect(live).toMatchObject({ headline: seedArticleInput().headline, author: { name: 'Hani Fatunnisa' }, rubric: { slug: 'dunia', name: 'Dunia' } });
    expect(live.publishedAtDisplay).toMatch(/^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{2} \S+ \d{4} \| \d{2}:\d{2} WIB$/);
    expect(live).not.toHaveProperty('status');

    // It heads the UPDATE list and shows in Populer.
    const latest = await newsroom.api.get('/articles/latest');
    expect(latest.body[0].slug).toBe(article.slug);
    const popular = await newsroom.api.get('/articles/popular?window=24h');
    expect(popular.body.map((a: { slug: string }) => a.slug)).toContain(article.slug);

    // Readers' views are counted, a repeat visit once (from a browser: Node's own User-Agent is a known bot).
    const browser = newsroom.api.withHeaders({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36' });
    for (const visitorId of ['pembaca-1', 'pembaca-2', 'pembaca-3', 'pembaca-1']) {
      expect((await browser.post('/views', { slug: article.slug, visitorId })).status).toBe(202);
    }
    await eventually(async () => (await newsroom.api.get(`/articles/${article.slug}`)).body.views === 3, { timeoutMs: 5000, what: 'three counted views' });
    // the Populer list is read apart from the article's own counter, and may catch up a moment later
    await eventually(async () => (await newsroom.api.get('/articles/popular?window=24h')).body[0]?.views === 3, { timeoutMs: 5000, what: 'Populer to show them' });
    const ranked = await newsroom.api.get('/articles/popular?window=24h');
    expect(ranked.body[0]).toMatchObject({ slug: article.slug, views: 3 });

    // History and revisions tell the story.
    const history = await editor.api.get(`/drafts/${article.id}/history`);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual(['created', 'updated', 'submitted', 'review_started', 'claimed', 'approved', 'scheduled', 'published']);
    expect(history.body.find((e: { type: string }) => e.type === 'approved')).toMatchObject({ actor: { id: editor.id }, from: 'in_review', to: 'approved', comment: 'Layak tayang.' });
    expect(history.body.find((e: { type: string }) => e.type === 'published').actor).toBeNull();
    const published = await queryTestDatabase(`select count(*)::int as n from article_events where article_id = $1 and type = 'published'`, [article.id]);
    expect(published[0].n).toBe(1);
    const revisions = await reporter.api.get(`/drafts/${article.id}/revisions`);
    expect(revisions.body[0].version).toBeGreaterThan(revisions.body[revisions.body.length - 1].version);
    const diff = await reporter.api.get(`/drafts/${article.id}/revisions/2/diff?against=1`);
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.body)).toContain('Pakta saling bantu');

    // Unpublished, it disappears from every public list at once.
    const unpublished = await scheduler.api.post(`/articles/${article.id}/unpublish`, { reason: 'Permintaan narasumber.' });
    expect(unpublished.status).toBe(200);
    expect(unpublished.body.status).toBe('unpublished');
    expect((await newsroom.api.get(`/articles/${article.slug}`)).status).toBe(404);
    expect((await newsroom.api.get('/articles/latest')).body.map((a: { slug: string }) => a.slug)).not.toContain(article.slug);
    expect((await newsroom.api.get('/articles/popular?window=24h')).body.map((a: { slug: string }) => a.slug)).not.toContain(article.slug);
  });
});
