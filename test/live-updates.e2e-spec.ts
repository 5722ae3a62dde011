import {
  ApiClient,
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  sleep,
  Staff,
} from '@newsroom/testing';

/**
 * Scheduled updates of a live article (API v1.1) against the real gateway
 * (behind the site), drafts, publisher and views processes: a pending
 * revision beside the live content, reviewed like a draft, live at its slot
 * within a second and exactly once (after a restart, with two publishers),
 * readers' pages and JSON refreshed, and every refusal changing nothing.
 */
describe('scheduled updates of live articles (real processes, Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let otherReporter: Staff;
  let editor: Staff;
  let scheduler: Staff;

  const UPDATED = /^Diperbarui: (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{2} \w+ \d{4} \| \d{2}:\d{2} WIB$/;
  const inMs = (ms: number) => new Date(Date.now() + ms);
  const live = async () => insertArticle({ authorId: reporter.id, status: 'published' });
  /** an approved revision put straight into the database (the review itself is tested once, through the API) */
  const approvedRevision = async (of: { id: string; version: number }, headline = `Pembaruan ${Math.random().toString(36).slice(2, 8)}`) =>
    insertArticle({ authorId: reporter.id, status: 'approved', headline, revisionOf: of });
  const row = async (id: string) =>
    (await queryTestDatabase<{ status: string; version: number; headline: string; lead: string; scheduled_for: Date | null; published_at: Date | null; updated_at: Date }>(
      `select status, version, headline, lead, scheduled_for, published_at, updated_at from articles where id = $1`,
      [id],
    ))[0];
  const historyTypes = async (id: string) =>
    (await queryTestDatabase<{ type: string }>(`select type from article_events where article_id = $1 order by id`, [id])).map((r) => r.type);
  const countOf = async (sql: string, params: unknown[]) => (await queryTestDatabase<{ n: number }>(sql, params))[0].n;
  const liveUpdates = (ids: string[]) =>
    countOf(`select count(*)::int as n from article_events where type = 'updated_live' and article_id = any($1::uuid[])`, [ids]);
  const waitUntilApplied = (revisionId: string, timeoutMs = 15_000) =>
    eventually(async () => {
      const r = await row(revisionId);
      return r.status === 'applied' ? r : null;
    }, { timeoutMs, intervalMs: 50, what: `revision ${revisionId} to go live` });
  const lateness = (r: { published_at: Date | null; scheduled_for: Date | null }) => r.published_at!.getTime() - r.scheduled_for!.getTime();
  const schedule = (id: string, revisionId: string, publishAt: Date) =>
    scheduler.api.post(`/articles/${id}/revisions/${revisionId}/schedule`, { publishAt: publishAt.toISOString() });

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'drafts', 'publisher', 'views'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin);
    await ensureRubric(admin, 'ekonomi', 'Ekonomi');
    [reporter, otherReporter, editor, scheduler] = await Promise.all([
      createStaff(admin, ['reporter'], 'Hani Fatunnisa'),
      createStaff(admin, ['reporter']),
      createStaff(admin, ['editor']),
      createStaff(admin, ['scheduler']),
    ]);
  });
  afterAll(() => newsroom?.stop());

  it('keeps the live page as it is while a revision is reviewed, then makes it live at its slot within a second, once, refreshing what readers see', async () => {
    const article = await live();
    const publicApi = admin.as(undefined);
    const before = await publicApi.get(`/articles/${article.slug}`);
    expect(before.status).toBe(200);
    expect(before.body.updatedAtDisplay).toBeNull();

    const created = await reporter.api.post(`/articles/${article.id}/revisions`, { version: 3, headline: 'Warga Gotong Royong Sambut Hujan, Posko Dibuka', lead: 'Posko dibuka di tiga kelurahan.' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ revisionId: expect.any(String), articleId: article.id, version: 1, status: 'draft' });
    const revisionId = created.body.revisionId;

    // the revision is a draft of its own: edited and handed in through /drafts, the live page untouched
    const edited = await reporter.api.patch(`/drafts/${revisionId}`, { version: 1, body: '<p>Posko dibuka di tiga kelurahan sejak pagi, dan relawan membagikan makanan serta selimut kepada warga yang rumahnya terendam.</p><p>Warga bergantian berjaga.</p>' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'draft', revisionOf: article.id });
    expect((await reporter.api.post(`/drafts/${revisionId}/submit`, { version: 2 })).status).toBe(202);
    await eventually(async () => (await row(revisionId)).status === 'in_review', { what: 'the revision to reach the review queue' });
    const queue = await editor.api.get('/review-queue');
    expect(queue.body.map((item: { article: { id: string } }) => item.article.id)).toContain(revisionId);
    expect((await publicApi.get(`/articles/${article.slug}`)).body.headline).toBe(before.body.headline);

    expect((await editor.api.post(`/review-queue/${revisionId}/claim`)).status).toBe(200);
    const approved = await editor.api.post(`/review-queue/${revisionId}/approve`, { version: (await row(revisionId)).version });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const slot = inMs(2500);
    const scheduled = await schedule(article.id, revisionId, slot);
    expect(scheduled.status).toBe(200);
    expect(scheduled.body).toMatchObject({ id: revisionId, status: 'scheduled', scheduledFor: slot.toISOString() });
    expect(await historyTypes(article.id)).toEqual(['update_scheduled']);
    expect((await publicApi.get(`/articles/${article.slug}`)).body.headline).toBe(before.body.headline);

    const applied = await waitUntilApplied(revisionId);
    expect(lateness(applied)).toBeGreaterThanOrEqual(0);
    expect(lateness(applied)).toBeLessThan(1000);
    const now = await row(article.id);
    expect(now).toMatchObject({ status: 'published', version: 4, headline: 'Warga Gotong Royong Sambut Hujan, Posko Dibuka', lead: 'Posko dibuka di tiga kelurahan.' });

    // readers' JSON and page (the site's cache refreshed from the outbox), at the same address
    const page = await eventually(async () => {
      const res = await publicApi.get(`/articles/${article.slug}`);
      return res.body.headline === now.headline ? res : null;
    }, { timeoutMs: 2000, what: 'the readers\' JSON to show the update' });
    expect(page.body.updatedAt).toBe(now.updated_at.toISOString());
    expect(page.body.updatedAtDisplay).toMatch(UPDATED);
    expect(page.body.body).toContain('Warga bergantian berjaga.');
    const html = await publicApi.get(`/berita/${article.slug}`);
    expect(html.status).toBe(200);
    expect(html.text).toContain(page.body.updatedAtDisplay);
    expect(html.text).toContain('Posko Dibuka');

    await sleep(5500); // a reconciliation round: nothing goes live twice
    expect(await historyTypes(article.id)).toEqual(['update_scheduled', 'updated_live']);
    expect(await countOf(`select count(*)::int as n from outbox_events where type = 'article.updated' and article_id = $1`, [article.id])).toBe(1);
    expect((await row(revisionId)).status).toBe('applied');
    const revisions = await editor.api.get(`/articles/${article.id}/revisions`);
    expect(revisions.body).toEqual([expect.objectContaining({ id: revisionId, status: 'applied', revisionOf: article.id })]);
  });

  it('refuses bad input with the contract\'s codes and stores nothing', async () => {
    const article = await live();
    const revisionsOf = (id: string) => countOf(`select count(*)::int as n from articles where revision_of_id = $1`, [id]);
    const draft = await insertArticle({ authorId: reporter.id, status: 'draft' });
    const unpublished = await insertArticle({ authorId: reporter.id, status: 'unpublished' });
    expect((await reporter.api.post(`/articles/${draft.id}/revisions`, { headline: 'Baru' })).status).toBe(409);
    expect((await editor.api.post(`/articles/${unpublished.id}/revisions`, { headline: 'Baru' })).body.code).toBe('REVISION.ARTICLE_NOT_LIVE');
    expect((await reporter.api.post(`/articles/${article.id}/revisions`, { version: 2, headline: 'Baru' })).status).toBe(409);
    expect((await reporter.api.post(`/articles/${article.id}/revisions`, { headline: 'Baru', status: 'published' })).status).toBe(400);
    expect((await reporter.api.post(`/articles/${article.id}/revisions`, { embargoUntil: '2030-01-01 10:00' })).status).toBe(400);
    expect((await reporter.api.post(`/articles/${article.id}/revisions`, { headline: '' })).status).toBe(400);
    expect((await reporter.api.post(`/articles/${article.id}/revisions`, { rubric: 'tidak-ada' })).status).toBe(400);
    expect((await scheduler.api.post(`/articles/${article.id}/revisions`, { headline: 'Baru' })).status).toBe(403);
    expect((await otherReporter.api.post(`/articles/${article.id}/revisions`, { headline: 'Baru' })).status).toBe(404);
    expect((await admin.post(`/articles/${article.id}/revisions`, { headline: 'Baru' })).status).toBe(403);
    expect(await revisionsOf(article.id)).toBe(0);
    expect(await revisionsOf(draft.id)).toBe(0);

    // one revision on its way at a time
    const first = await editor.api.post(`/articles/${article.id}/revisions`, { headline: 'Baru sekali' });
    expect(first.status).toBe(201);
    expect((await reporter.api.post(`/articles/${article.id}/revisions`, { headline: 'Baru dua' })).body.code).toBe('REVISION.PENDING_EXISTS');
    expect(await revisionsOf(article.id)).toBe(1);

    // not approved yet: nothing to schedule or publish; a revision of someone else's article is a 404
    // (the live article's reporter is one of its authors: the revision carries the live byline)
    const revisionId = first.body.revisionId;
    expect((await schedule(article.id, revisionId, inMs(60_000))).status).toBe(422);
    expect((await scheduler.api.post(`/articles/${article.id}/revisions/${revisionId}/publish`, {})).status).toBe(422);
    expect((await schedule(draft.id, revisionId, inMs(60_000))).status).toBe(404);
    expect((await otherReporter.api.get(`/drafts/${revisionId}`)).status).toBe(404);
    expect((await reporter.api.get(`/drafts/${revisionId}`)).status).toBe(200);
    expect((await reporter.api.post(`/articles/${article.id}/revisions/${revisionId}/schedule`, { publishAt: inMs(60_000).toISOString() })).status).toBe(403);
    expect((await row(revisionId)).status).toBe('draft');

    // an approved one: a past slot 422, a stale version 409, unknown fields 400; scheduling it as an article 422
    const other = await live();
    const approved = await approvedRevision(other);
    expect((await schedule(other.id, approved.id, new Date(Date.now() - 60_000))).status).toBe(422);
    expect((await scheduler.api.post(`/articles/${other.id}/revisions/${approved.id}/schedule`, { publishAt: inMs(60_000).toISOString(), version: 2 })).status).toBe(409);
    expect((await scheduler.api.post(`/articles/${other.id}/revisions/${approved.id}/schedule`, { publishAt: inMs(60_000).toISOString(), extra: 1 })).status).toBe(400);
    expect((await scheduler.api.post(`/articles/${approved.id}/schedule`, { publishAt: inMs(60_000).toISOString() })).body.code).toBe('ARTICLE.IS_REVISION');
    expect((await scheduler.api.post(`/articles/${approved.id}/publish`, {})).body.code).toBe('ARTICLE.IS_REVISION');
    expect(await row(approved.id)).toMatchObject({ status: 'approved', version: 3, scheduled_for: null });
    expect(await historyTypes(other.id)).toEqual([]);
  });

  it("gives a revision the live article's byline with its starter as co-author, refuses a byline change on it, and keeps the live article's authors from reviewing it", async () => {
    const reportingEditor = await createStaff(admin, ['reporter', 'editor'], 'Redaktur Penulis');
    const article = await insertArticle({ authorId: reportingEditor.id, status: 'published' });
    const revisionsOf = () => countOf(`select count(*)::int as n from articles where revision_of_id = $1`, [article.id]);

    // authors and guest bylines are refused on a revision, before anything is stored
    const withByline = await editor.api.post(`/articles/${article.id}/revisions`, { version: 3, headline: 'Judul Baru', authors: [editor.id] });
    expect([withByline.status, withByline.body.code]).toEqual([400, 'REVISION.BYLINE_FIXED']);
    expect(await revisionsOf()).toBe(0);

    const created = await editor.api.post(`/articles/${article.id}/revisions`, { version: 3, headline: 'Warga Kembali ke Rumah Setelah Banjir Surut' });
    expect(created.status).toBe(201);
    const revisionId = created.body.revisionId;
    const draft = await editor.api.get(`/drafts/${revisionId}`);
    expect(draft.body.authors.map((a: { id: string }) => a.id)).toEqual([reportingEditor.id, editor.id]);
    const guests = await editor.api.patch(`/drafts/${revisionId}`, { version: 1, guestBylines: ['Kontributor Bogor'] });
    expect([guests.status, guests.body.code]).toEqual([400, 'REVISION.BYLINE_FIXED']);
    expect((await row(revisionId)).version).toBe(1);

    // the live article's author, an editor too, may edit the revision but not review it
    expect((await reportingEditor.api.patch(`/drafts/${revisionId}`, { version: 1, lead: 'Air surut sejak subuh.' })).status).toBe(200);
    expect((await editor.api.post(`/drafts/${revisionId}/submit`, { version: 2 })).status).toBe(202);
    await eventually(async () => (await row(revisionId)).status === 'in_review', { what: 'the revision to reach the review queue' });
    const item = (await reportingEditor.api.get('/review-queue')).body.find((i: { article: { id: string } }) => i.article.id === revisionId);
    expect(item).toMatchObject({ actionable: false });
    const claim = await reportingEditor.api.post(`/review-queue/${revisionId}/claim`);
    expect([claim.status, claim.body.code]).toEqual([403, 'REVIEW.OWN_ARTICLE']);
    // nor may the editor who started it; a third editor may
    expect((await editor.api.post(`/review-queue/${revisionId}/claim`)).status).toBe(403);
    const third = await createStaff(admin, ['editor']);
    expect((await third.api.post(`/review-queue/${revisionId}/claim`)).status).toBe(200);
  });

  it('is described in the OpenAPI document', async () => {
    const { paths } = (await admin.as(undefined).get('/docs/openapi.json')).body;
    expect(Object.keys(paths['/articles/{id}/revisions'])).toEqual(expect.arrayContaining(['post', 'get']));
    expect(Object.keys(paths['/articles/{id}/revisions/{revisionId}/schedule'])).toEqual(expect.arrayContaining(['post', 'delete']));
    expect(paths['/articles/{id}/revisions/{revisionId}/publish'].post).toBeDefined();
    expect(paths['/articles/{id}/revisions/{revisionId}/diff'].get.responses['200']).toBeDefined();
    const discard = paths['/articles/{id}/revisions/{revisionId}'].delete;
    expect(Object.keys(discard.responses)).toEqual(expect.arrayContaining(['204', '403', '404', '409']));
    expect(discard.responses['409'].description).toContain('REVISION.NOT_PENDING');
    // a live article's staff view names its revision on the way; the plain endpoints say they refuse a revision
    const schemas = (await admin.as(undefined).get('/docs/openapi.json')).body.components.schemas;
    expect(Object.keys(schemas.ArticleResponse.properties)).toEqual(expect.arrayContaining(['revisionOf', 'pendingRevision']));
    for (const [path, verb] of [['/articles/{id}/schedule', 'delete'], ['/articles/{id}/schedule', 'post'], ['/articles/{id}/publish', 'post'], ['/articles/{id}/unpublish', 'post'], ['/articles/{id}/corrections', 'post']]) {
      expect(paths[path][verb].responses['422'].description).toContain('ARTICLE.IS_REVISION');
    }
  });

  it('takes a scheduled revision off the calendar, and it stays off at its old slot', async () => {
    const article = await live();
    const revision = await approvedRevision(article);
    const slot = inMs(1500);
    expect((await schedule(article.id, revision.id, slot)).status).toBe(200);
    const cancelled = await scheduler.api.delete(`/articles/${article.id}/revisions/${revision.id}/schedule`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'approved', scheduledFor: null });
    await sleep(Math.max(0, slot.getTime() + 1500 - Date.now()));
    expect((await row(revision.id)).status).toBe('approved');
    expect((await row(article.id)).version).toBe(3);
    expect(await historyTypes(article.id)).toEqual(['update_scheduled', 'update_unscheduled']);
    expect((await scheduler.api.delete(`/articles/${article.id}/revisions/${revision.id}/schedule`)).status).toBe(422);
  });

  it("sends a scheduled revision that an editor edits back to review and off its slot, and says so in the live article's history", async () => {
    const article = await live();
    const revision = await approvedRevision(article);
    const slot = inMs(2000);
    const scheduled = await schedule(article.id, revision.id, slot);
    expect(scheduled.status).toBe(200);
    const edited = await editor.api.patch(`/drafts/${revision.id}`, { version: scheduled.body.version, lead: 'Teras yang diubah setelah dijadwalkan.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'in_review', scheduledFor: null });
    expect(await historyTypes(article.id)).toEqual(['update_scheduled', 'update_unscheduled']);
    expect((await row(article.id)).version).toBe(3);
    await sleep(Math.max(0, slot.getTime() + 1500 - Date.now()));
    expect((await row(revision.id)).status).toBe('in_review');
    expect(await liveUpdates([article.id])).toBe(0);
  });

  it('refuses a revision on the plain article endpoints (unschedule, schedule, publish, take down, correct) and changes nothing: it still goes live at its slot, once', async () => {
    const article = await live();
    const revision = await approvedRevision(article, 'Pembaruan Tetap Terjadwal');
    const slot = inMs(5000);
    expect((await schedule(article.id, revision.id, slot)).status).toBe(200);
    const outbox = () => countOf(`select count(*)::int as n from outbox_events where article_id = any($1::uuid[])`, [[article.id, revision.id]]);
    const before = { revision: await row(revision.id), live: await row(article.id), revisionHistory: await historyTypes(revision.id), liveHistory: await historyTypes(article.id), outbox: await outbox() };
    const version = before.revision.version;

    const refusals = [
      await scheduler.api.delete(`/articles/${revision.id}/schedule`),
      await editor.api.delete(`/articles/${revision.id}/schedule`),
      await scheduler.api.post(`/articles/${revision.id}/schedule`, { version, publishAt: inMs(60_000).toISOString() }),
      await scheduler.api.post(`/articles/${revision.id}/publish`, { version }),
      await scheduler.api.post(`/articles/${revision.id}/unpublish`, { version, reason: 'Salah alamat.' }),
      await editor.api.post(`/articles/${revision.id}/corrections`, { version, note: 'Salah alamat.', headline: 'Koreksi Salah Alamat' }),
    ];
    for (const refused of refusals) {
      expect([refused.status, refused.body.code]).toEqual([422, 'ARTICLE.IS_REVISION']);
      // the message names the endpoints that do take it
      expect(refused.body.message).toContain(`/articles/${article.id}/revisions/${revision.id}`);
    }
    expect({ revision: await row(revision.id), live: await row(article.id), revisionHistory: await historyTypes(revision.id), liveHistory: await historyTypes(article.id), outbox: await outbox() }).toEqual(before);

    // its delayed job was left alone too: it goes live at its slot, once
    const applied = await waitUntilApplied(revision.id);
    expect(lateness(applied)).toBeGreaterThanOrEqual(0);
    expect(lateness(applied)).toBeLessThan(1000);
    expect((await row(article.id)).headline).toBe('Pembaruan Tetap Terjadwal');
    expect(await liveUpdates([article.id])).toBe(1);
  });

  it("names a live article's revision on the way in its staff view, and goes back to null once it went live", async () => {
    const article = await live();
    expect((await editor.api.get(`/drafts/${article.id}`)).body.pendingRevision).toBeNull();
    const created = await reporter.api.post(`/articles/${article.id}/revisions`, { headline: 'Pembaruan Sedang Ditulis' });
    expect(created.status).toBe(201);
    const revisionId = created.body.revisionId;
    const expected = { id: revisionId, version: 1, status: 'draft', scheduledFor: null, authors: [{ id: reporter.id, name: 'Hani Fatunnisa' }] };
    expect((await editor.api.get(`/drafts/${article.id}`)).body.pendingRevision).toEqual(expected);
    expect((await reporter.api.get(`/drafts/${article.id}`)).body.pendingRevision).toEqual(expected);
    // the staff list (the desk's Berita terbit reads it) says so in the same way, in one answer
    const listed = (await scheduler.api.get('/drafts?status=published&limit=100')).body.find((a: { id: string }) => a.id === article.id);
    expect(listed.pendingRevision).toEqual(expected);
    // on anything but a published article the field is absent
    expect((await editor.api.get(`/drafts/${revisionId}`)).body).not.toHaveProperty('pendingRevision');

    // approved and scheduled: the slot shows; once live, none is on its way
    await queryTestDatabase(`update articles set status = 'approved', approved_version = version where id = $1`, [revisionId]);
    const slot = inMs(60_000);
    const scheduled = await schedule(article.id, revisionId, slot);
    expect(scheduled.status).toBe(200);
    expect((await editor.api.get(`/drafts/${article.id}`)).body.pendingRevision).toMatchObject({ id: revisionId, status: 'scheduled', version: scheduled.body.version, scheduledFor: slot.toISOString() });
    const published = await scheduler.api.post(`/articles/${article.id}/revisions/${revisionId}/publish`, {});
    expect(published.status).toBe(200);
    expect(published.body.pendingRevision).toBeNull();
    expect((await editor.api.get(`/drafts/${article.id}`)).body.pendingRevision).toBeNull();
  });

  it('diffs a revision against the live content readers see now, in the fields that would go live', async () => {
    const article = await live();
    const liveNow = await row(article.id);
    const created = await reporter.api.post(`/articles/${article.id}/revisions`, { version: 3, headline: 'Judul Pembaruan untuk Ditinjau' });
    expect(created.status).toBe(201);
    const revisionId = created.body.revisionId;
    const edited = await reporter.api.patch(`/drafts/${revisionId}`, { version: 1, body: '<p>Isi pembaruan yang baru sama sekali, dengan kata-kata yang berbeda dari isi yang tayang.</p>' });
    expect(edited.status).toBe(200);
    // the live article is corrected meanwhile in a field the revision left alone: that correction stays live, so it is no change
    expect((await editor.api.post(`/articles/${article.id}/corrections`, { version: 3, note: 'Teras diperbaiki.', lead: 'Teras yang sudah dikoreksi.' })).status).toBe(200);

    const diff = await editor.api.get(`/articles/${article.id}/revisions/${revisionId}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ revisionId, version: 2, liveVersion: 4 });
    expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(['headline', 'body']);
    expect(diff.body.changes[0]).toEqual({ field: 'headline', from: liveNow.headline, to: 'Judul Pembaruan untuk Ditinjau' });
    const words = diff.body.changes[1].words as { value: string; added?: boolean; removed?: boolean }[];
    expect(words.filter((w) => w.added).map((w) => w.value).join('')).toContain('pembaruan');
    expect(words.some((w) => w.removed)).toBe(true);
    // the revision's own previous version is not what it is compared with: v1 held the live body
    const own = await editor.api.get(`/drafts/${revisionId}/revisions/2/diff?against=1`);
    expect(own.body.changes.map((c: { field: string }) => c.field)).toEqual(['body']);

    // seen by who may see the revision, under its own live article only
    expect((await reporter.api.get(`/articles/${article.id}/revisions/${revisionId}/diff`)).status).toBe(200);
    expect((await otherReporter.api.get(`/articles/${article.id}/revisions/${revisionId}/diff`)).status).toBe(404);
    const other = await live();
    expect((await editor.api.get(`/articles/${other.id}/revisions/${revisionId}/diff`)).status).toBe(404);
  });

  it('publishes a revision now, keeping a correction made to the live article meanwhile in the fields the revision left alone', async () => {
    const article = await live();
    const revision = await approvedRevision(article, 'Judul Baru dari Revisi');
    const corrected = await editor.api.post(`/articles/${article.id}/corrections`, { version: 3, note: 'Teras diperbaiki.', lead: 'Teras yang sudah dikoreksi.' });
    expect(corrected.status).toBe(200);
    const res = await scheduler.api.post(`/articles/${article.id}/revisions/${revision.id}/publish`, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: article.id, status: 'published', headline: 'Judul Baru dari Revisi', lead: 'Teras yang sudah dikoreksi.', version: 5 });
    // the site answered after the gateway told the readers' caches
    expect((await admin.as(undefined).get(`/articles/${article.slug}`)).body.headline).toBe('Judul Baru dari Revisi');
    expect((await scheduler.api.post(`/articles/${article.id}/revisions/${revision.id}/publish`, {})).status).toBe(422);
    expect(await liveUpdates([article.id])).toBe(1);
  });

  it('cancels a pending revision when its article is unpublished: it never goes live', async () => {
    const article = await live();
    const revision = await approvedRevision(article, 'Tidak Boleh Tayang');
    expect((await schedule(article.id, revision.id, inMs(2000))).status).toBe(200);
    expect((await scheduler.api.post(`/articles/${article.id}/unpublish`, { reason: 'Sumber mencabut pernyataan.' })).status).toBe(200);
    expect((await row(revision.id)).status).toBe('cancelled');
    await sleep(3000);
    expect(await row(article.id)).toMatchObject({ status: 'unpublished', headline: expect.not.stringContaining('Tidak Boleh Tayang') });
    expect(await liveUpdates([article.id, revision.id])).toBe(0);
  });

  it('discards a revision in draft: gone from every endpoint and list, its preview dead, the live article untouched, and a new revision can start at once', async () => {
    const article = await live();
    const liveBefore = await row(article.id);
    const created = await reporter.api.post(`/articles/${article.id}/revisions`, { headline: 'Pembaruan yang Akan Dibuang' });
    expect(created.status).toBe(201);
    const revisionId = created.body.revisionId;
    const preview = await reporter.api.post(`/drafts/${revisionId}/preview-links`, {});
    expect(preview.status).toBe(201);
    const previewPath = new URL(preview.body.url).pathname;
    expect((await admin.as(undefined).get(previewPath)).status).toBe(200);

    // refusals change nothing: a scheduler or admin 403, someone else's or under another article 404, a non-pending one 409
    const outbox = () => countOf(`select count(*)::int as n from outbox_events where article_id = any($1::uuid[])`, [[article.id, revisionId]]);
    const snapshot = async () => ({ revision: await row(revisionId), live: await row(article.id), revisionHistory: await historyTypes(revisionId), liveHistory: await historyTypes(article.id), outbox: await outbox() });
    const before = await snapshot();
    const other = await live();
    const refusals = [
      [await scheduler.api.delete(`/articles/${article.id}/revisions/${revisionId}`), 403],
      [await admin.delete(`/articles/${article.id}/revisions/${revisionId}`), 403],
      [await otherReporter.api.delete(`/articles/${article.id}/revisions/${revisionId}`), 404],
      [await editor.api.delete(`/articles/${other.id}/revisions/${revisionId}`), 404],
      [await editor.api.delete(`/articles/${article.id}/revisions/00000000-0000-4000-8000-000000000000`), 404],
      [await editor.api.delete(`/articles/${article.id}/revisions/not-a-uuid`), 404],
    ] as const;
    for (const [res, status] of refusals) expect([res.status, res.body.statusCode]).toEqual([status, status]);
    expect(await snapshot()).toEqual(before);

    // its author discards it (an editor may too: see the scheduled case)
    const discarded = await reporter.api.delete(`/articles/${article.id}/revisions/${revisionId}`);
    expect(discarded.status).toBe(204);
    expect((await row(revisionId)).status).toBe('discarded');
    expect(await row(article.id)).toEqual(liveBefore);
    expect(await historyTypes(revisionId)).toEqual(['created', 'preview_link_created', 'discarded']);
    const liveHistory = await editor.api.get(`/drafts/${article.id}/history`);
    expect(liveHistory.body).toEqual([
      expect.objectContaining({ type: 'update_discarded', actor: expect.objectContaining({ id: reporter.id }), from: 'published', to: 'published', version: liveBefore.version, data: expect.objectContaining({ revisionId, status: 'draft' }) }),
    ]);

    // gone: a 404 wherever it is named, in no list, its preview a 404, the live article names no revision on its way
    expect((await reporter.api.get(`/drafts/${revisionId}`)).status).toBe(404);
    expect((await editor.api.get(`/drafts/${revisionId}/history`)).status).toBe(404);
    expect((await reporter.api.patch(`/drafts/${revisionId}`, { version: 2, lead: 'Masih diubah?' })).status).toBe(404);
    expect((await editor.api.get(`/articles/${article.id}/revisions/${revisionId}/diff`)).status).toBe(404);
    expect((await reporter.api.delete(`/articles/${article.id}/revisions/${revisionId}`)).status).toBe(404);
    expect((await editor.api.get(`/articles/${article.id}/revisions`)).body).toEqual([]);
    expect((await reporter.api.get('/drafts?limit=100')).body.map((a: { id: string }) => a.id)).not.toContain(revisionId);
    expect((await editor.api.get('/drafts?status=discarded')).status).toBe(400);
    expect((await editor.api.get(`/drafts/${article.id}`)).body.pendingRevision).toBeNull();
    expect((await admin.as(undefined).get(previewPath)).status).toBe(404);

    // the article takes a new revision at once
    const next = await reporter.api.post(`/articles/${article.id}/revisions`, { headline: 'Pembaruan Kedua' });
    expect(next.status).toBe(201);
    expect((await editor.api.get(`/articles/${article.id}/revisions`)).body.map((r: { id: string }) => r.id)).toEqual([next.body.revisionId]);
  });

  it('discards a scheduled revision (an editor, not its author): it leaves the calendar, its slot passes and nothing goes live; one already live is a 409', async () => {
    const article = await live();
    const revision = await approvedRevision(article, 'Pembaruan Terjadwal yang Dibuang');
    const slot = inMs(1500);
    expect((await schedule(article.id, revision.id, slot)).status).toBe(200);
    const calendar = async () => (await scheduler.api.get('/schedule')).body.map((a: { id: string }) => a.id);
    expect(await calendar()).toContain(revision.id);

    const discarded = await editor.api.delete(`/articles/${article.id}/revisions/${revision.id}`);
    expect(discarded.status).toBe(204);
    expect(await row(revision.id)).toMatchObject({ status: 'discarded', scheduled_for: null });
    expect(await calendar()).not.toContain(revision.id);
    expect(await historyTypes(article.id)).toEqual(['update_scheduled', 'update_discarded']);
    // the stale job, and a reconciliation round, find nothing to do
    await sleep(Math.max(0, slot.getTime() + 2000 - Date.now()));
    expect((await row(revision.id)).status).toBe('discarded');
    expect(await row(article.id)).toMatchObject({ version: 3, headline: expect.not.stringContaining('Dibuang') });
    expect(await liveUpdates([article.id, revision.id])).toBe(0);
    expect((await admin.as(undefined).get(`/articles/${article.slug}`)).body.headline).not.toContain('Dibuang');
    expect((await editor.api.post(`/articles/${article.id}/revisions`, {})).status).toBe(201);

    // a revision already live: 409, and nothing changes
    const other = await live();
    const applied = await approvedRevision(other, 'Sudah Tayang Duluan');
    expect((await scheduler.api.post(`/articles/${other.id}/revisions/${applied.id}/publish`, {})).status).toBe(200);
    const before = { revision: await row(applied.id), live: await row(other.id), history: await historyTypes(other.id) };
    const refused = await editor.api.delete(`/articles/${other.id}/revisions/${applied.id}`);
    expect([refused.status, refused.body.code]).toEqual([409, 'REVISION.NOT_PENDING']);
    expect({ revision: await row(applied.id), live: await row(other.id), history: await historyTypes(other.id) }).toEqual(before);
  });

  it('lets exactly one of a discard and a publish-now racing for the same revision win', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const article = await live();
        return { article, revision: await approvedRevision(article, `Balapan Buang atau Tayang ${i}`) };
      }),
    );
    const outcomes = await Promise.all(
      pairs.map(async ({ article, revision }) => {
        const [discard, publish] = await Promise.all([
          editor.api.delete(`/articles/${article.id}/revisions/${revision.id}`),
          scheduler.api.post(`/articles/${article.id}/revisions/${revision.id}/publish`, {}),
        ]);
        return { article, revision, discard: discard.status, publish: publish.status };
      }),
    );
    for (const { article, revision, discard, publish } of outcomes) {
      // the loser is refused: a 409 (it changed meanwhile / is no longer pending), or a 404 (discarded before the publish read it)
      expect([discard === 204, publish === 200].filter(Boolean)).toHaveLength(1);
      const state = (await row(revision.id)).status;
      if (discard === 204) {
        expect(publish === 404 || publish === 409).toBe(true);
        expect(state).toBe('discarded');
        expect(await liveUpdates([article.id])).toBe(0);
        expect((await row(article.id)).headline).not.toMatch(/^Balapan/);
      } else {
        expect(discard).toBe(409);
        expect(state).toBe('applied');
        expect(await liveUpdates([article.id])).toBe(1);
        expect(await historyTypes(article.id)).not.toContain('update_discarded');
      }
    }
  });

  it('applies what fell due while no publisher ran as soon as one starts, once', async () => {
    await newsroom.stopApp('publisher');
    const article = await live();
    const revision = await approvedRevision(article);
    expect((await schedule(article.id, revision.id, inMs(1000))).status).toBe(200);
    await sleep(2500);
    expect((await row(revision.id)).status).toBe('scheduled');

    const started = Date.now();
    await newsroom.startApp('publisher');
    const applied = await waitUntilApplied(revision.id);
    expect(applied.published_at!.getTime() - started).toBeLessThan(5000);
    await sleep(1000);
    expect(await liveUpdates([article.id])).toBe(1);
  });

  it('still applies a scheduled revision on time after Redis lost its data and the publisher restarted', async () => {
    const article = await live();
    const revision = await approvedRevision(article);
    // far enough out for the restart to finish first (a publisher takes 2 to 6 s to start while another suite runs)
    const slot = inMs(10_000);
    expect((await schedule(article.id, revision.id, slot)).status).toBe(200);
    await sleep(300);
    await newsroom.flushRedisPrefix();
    await newsroom.stopApp('publisher');
    await newsroom.startApp('publisher');
    const applied = await waitUntilApplied(revision.id);
    expect(lateness(applied)).toBeGreaterThanOrEqual(0);
    expect(lateness(applied)).toBeLessThan(1000);
    expect(await liveUpdates([article.id])).toBe(1);
  });

  it('applies each of 10 revisions due at one slot exactly once when two publishers race for them', async () => {
    await newsroom.stopApp('publisher');
    const articles = await Promise.all(Array.from({ length: 10 }, () => live()));
    const revisions = await Promise.all(articles.map((a) => approvedRevision(a)));
    const slot = inMs(1500);
    await Promise.all(articles.map(async (a, i) => expect((await schedule(a.id, revisions[i].id, slot)).status).toBe(200)));
    await sleep(Math.max(0, slot.getTime() + 500 - Date.now()));

    const replica = await Promise.all([newsroom.startApp('publisher'), newsroom.startReplica('publisher')]).then(([, key]) => key);
    await Promise.all(revisions.map((r) => waitUntilApplied(r.id)));
    await sleep(6000); // a reconciliation round on each replica
    const counts = await queryTestDatabase<{ article_id: string; n: number }>(
      `select article_id, count(*)::int as n from article_events where type = 'updated_live' and article_id = any($1::uuid[]) group by article_id`,
      [articles.map((a) => a.id)],
    );
    expect(counts).toHaveLength(10);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    for (const a of articles) expect((await row(a.id)).version).toBe(4);
    await newsroom.stopApp(replica);
  });
});
