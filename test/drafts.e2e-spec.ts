import {
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  seedArticleInput,
  Staff,
} from '@newsroom/testing';
import { JobName, PAYLOAD_SCHEMA_VERSION, QueueName } from '@newsroom/contracts';

/**
 * The reporter's drafts through the gateway, with the draft-submission service
 * checking what is submitted: both as real processes on the real Postgres and Redis.
 */
describe('drafts (gateway and draft-submission service)', () => {
  let newsroom: NewsroomProcesses;
  let reporter: Staff;
  let otherReporter: Staff;
  let editor: Staff;
  let scheduler: Staff;

  const countRows = async (table: 'articles' | 'article_revisions' | 'article_events') =>
    (await queryTestDatabase<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;

  async function createDraft(author: Staff, overrides: Record<string, unknown> = {}) {
    const res = await author.api.post('/drafts', seedArticleInput(overrides));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function statusOf(id: string, expected: string) {
    return eventually(
      async () => {
        const res = await editor.api.get(`/drafts/${id}`);
        return res.body.status === expected ? res.body : undefined;
      },
      { what: `article ${id} to be ${expected}` },
    );
  }

  const historyTypes = async (id: string) => (await reporter.api.get(`/drafts/${id}/history`)).body.map((e: { type: string }) => e.type);

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'drafts'] });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    otherReporter = await createStaff(admin, ['reporter'], 'Wartawan Lain');
    editor = await createStaff(admin, ['editor'], 'Redaktur Dunia');
    scheduler = await createStaff(admin, ['scheduler'], 'Penjadwal Pagi');
  });
  afterAll(() => newsroom?.stop());

  it('creates a draft at version 1 with a slug from the headline; a clash gets -2', async () => {
    const headline = 'Pakta Pertahanan Korut-Rusia Mulai Berlaku';
    const first = await createDraft(reporter, { headline });
    expect(first).toMatchObject({
      slug: 'pakta-pertahanan-korut-rusia-mulai-berlaku',
      version: 1,
      status: 'draft',
      headline,
      rubric: { slug: 'dunia', name: 'Dunia' },
      author: { id: reporter.id, name: 'Hani Fatunnisa' },
      image: { url: 'https://img.newsroom.test/2024/12/kim-putin.jpg', credit: 'Net' },
      tags: ['korea utara', 'rusia'],
      priority: 'normal',
      scheduledFor: null,
      publishedAt: null,
      views: 0,
    });
    expect(first.wordCount).toBeGreaterThan(50);
    expect(first.readingMinutes).toBe(1);

    const second = await createDraft(reporter, { headline: `  ${headline}  ` });
    expect(second.slug).toBe('pakta-pertahanan-korut-rusia-mulai-berlaku-2');

    expect(await historyTypes(first.id)).toEqual(['created']);
    const revisions = await reporter.api.get(`/drafts/${first.id}/revisions`);
    expect(revisions.body).toEqual([expect.objectContaining({ version: 1, headline, rubric: 'dunia', editedBy: { id: reporter.id, name: 'Hani Fatunnisa' } })]);
  });

  it('gives drafts created at the same moment with the same headline distinct slugs', async () => {
    const headline = 'Rapat Darurat Dewan Keamanan';
    const created = await Promise.all(Array.from({ length: 5 }, () => reporter.api.post('/drafts', seedArticleInput({ headline }))));
    expect(created.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const slugs = created.map((r) => r.body.slug).sort();
    expect(slugs).toEqual(['rapat-darurat-dewan-keamanan', ...[2, 3, 4, 5].map((n) => `rapat-darurat-dewan-keamanan-${n}`)]);
  });

  it('stores hostile HTML sanitized, keeping paragraphs, emphasis, links, lists, quotes and sub-headings', async () => {
    const article = await createDraft(reporter, {
      headline: 'Uji Naskah Berbahaya',
      body:
        '<h2>Latar</h2><p onclick="steal()">Isi <em>penting</em> dan <a href="https://newsroom.test/a">tautan</a><script>alert(1)</script></p>' +
        '<p><a href="javascript:alert(2)">jebakan</a><img src="x" onerror="alert(3)"></p><ul><li>satu</li></ul><blockquote><p>kutipan</p></blockquote>',
    });
    const [stored] = await queryTestDatabase<{ body: string }>('select body from articles where id = $1', [article.id]);
    for (const html of [article.body, stored.body]) {
      expect(html).not.toMatch(/<script|alert\(1\)|onclick|onerror|javascript:|<img/i);
      expect(html).toContain('<h2>Latar</h2>');
      expect(html).toContain('<em>penting</em>');
      expect(html).toContain('<a href="https://newsroom.test/a">tautan</a>');
      expect(html).toContain('<ul><li>satu</li></ul>');
      expect(html).toContain('<blockquote><p>kutipan</p></blockquote>');
    }
  });

  it.each([
    ['an unknown field', { ...seedArticleInput(), sponsor: 'PT Iklan' }],
    ['an unknown field in the image', { ...seedArticleInput(), image: { url: 'https://img.newsroom.test/a.jpg', caption: 'x', credit: 'y', width: 3 } }],
    ['a missing headline', { ...seedArticleInput(), headline: undefined }],
    ['a missing rubric', { ...seedArticleInput(), rubric: undefined }],
    ['a number for a headline', { ...seedArticleInput(), headline: 42 }],
    ['a string for tags', { ...seedArticleInput(), tags: 'dunia' }],
    ['a headline of 201 characters', { ...seedArticleInput(), headline: 'a'.repeat(201) }],
    ['an unknown rubric', { ...seedArticleInput(), rubric: 'gosip' }],
  ])('refuses a draft with %s with 400 and stores nothing', async (_, payload) => {
    const before = await Promise.all([countRows('articles'), countRows('article_revisions'), countRows('article_events')]);
    const res = await reporter.api.post('/drafts', payload);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.anything() });
    expect(await Promise.all([countRows('articles'), countRows('article_revisions'), countRows('article_events')])).toEqual(before);
  });

  it('refuses an edit against a stale version with 409 and changes nothing; a current one bumps the version', async () => {
    const article = await createDraft(reporter, { headline: 'Banjir Rob Menggenangi Pesisir' });
    const stale = await reporter.api.patch(`/drafts/${article.id}`, { version: 2, headline: 'Versi Basi' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'ARTICLE.STALE_VERSION' });
    const unchanged = await reporter.api.get(`/drafts/${article.id}`);
    expect(unchanged.body).toMatchObject({ version: 1, headline: 'Banjir Rob Menggenangi Pesisir', slug: article.slug });
    expect((await reporter.api.get(`/drafts/${article.id}/revisions`)).body).toHaveLength(1);

    expect((await reporter.api.patch(`/drafts/${article.id}`, { version: 1 })).status).toBe(400);
    expect((await reporter.api.patch(`/drafts/${article.id}`, { version: '1', lead: 'x' })).status).toBe(400);
    expect((await reporter.api.patch(`/drafts/${article.id}`, { version: 0, lead: 'x' })).status).toBe(400);

    const same = await reporter.api.patch(`/drafts/${article.id}`, { version: 1, headline: 'Banjir Rob Menggenangi Pesisir', tags: article.tags });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);

    const edited = await reporter.api.patch(`/drafts/${article.id}`, { version: 1, headline: 'Banjir Rob Meluas ke Pesisir Utara', body: '<p>Air laut naik.</p>' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, slug: 'banjir-rob-meluas-ke-pesisir-utara', wordCount: 3 });
    expect(await historyTypes(article.id)).toEqual(['created', 'updated']);
  });

  it('submits a draft (202), and the draft-submission service hands it to review', async () => {
    const article = await createDraft(reporter, { headline: 'Harga Beras Turun di Pasar Induk' });
    const submitted = await reporter.api.post(`/drafts/${article.id}/submit`);
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });

    const inReview = await statusOf(article.id, 'in_review');
    expect(inReview.version).toBe(3);
    const history = (await reporter.api.get(`/drafts/${article.id}/history`)).body;
    expect(history).toEqual([
      expect.objectContaining({ type: 'created', actor: { id: reporter.id, name: 'Hani Fatunnisa' }, from: null, to: 'draft', version: 1 }),
      expect.objectContaining({ type: 'submitted', actor: { id: reporter.id, name: 'Hani Fatunnisa' }, from: 'draft', to: 'submitted', version: 2 }),
      expect.objectContaining({ type: 'review_started', actor: null, from: 'submitted', to: 'in_review', version: 3 }),
    ]);
    // Every submission is snapshotted, even one that was tidy already: what review was handed is on record.
    const revisions = (await reporter.api.get(`/drafts/${article.id}/revisions`)).body;
    expect(revisions.map((r: { version: number }) => r.version)).toEqual([3, 1]);
    expect(revisions[0]).toMatchObject({ headline: 'Harga Beras Turun di Pasar Induk', body: seedArticleInput().body, editedBy: null });
    expect((await reporter.api.get(`/drafts/${article.id}/revisions/3/diff?against=1`)).body.changes).toEqual([]);
    expect((await reporter.api.post(`/drafts/${article.id}/submit`)).status).toBe(422);

    // BullMQ delivers at least once: the same check again (under another job id) changes nothing.
    const queue = newsroom.queue(QueueName.DraftSubmission);
    try {
      const job = await queue.add(JobName.CheckSubmission, { schema: PAYLOAD_SCHEMA_VERSION, articleId: article.id, version: 2 }, { jobId: `again-${article.id}` });
      const done = await eventually(
        async () => {
          const current = await queue.getJob(job.id!);
          return current?.finishedOn ? current : undefined;
        },
        { what: 'the repeated check to finish' },
      );
      expect(done.returnvalue).toBe('skipped');
    } finally {
      await queue.close();
    }
    expect((await reporter.api.get(`/drafts/${article.id}`)).body).toMatchObject({ status: 'in_review', version: 3 });
    expect(await historyTypes(article.id)).toEqual(['created', 'submitted', 'review_started']);
  });

  it('tidies a submission: whitespace collapsed, quotes curled, empty paragraphs dropped, recorded as a revision by nobody', async () => {
    const body = `<p>${'kata '.repeat(25)}</p><p>   </p><p>Akhir   kalimat.</p>`;
    const article = await createDraft(reporter, { headline: '  Menteri:  "Harga  Stabil"  ', body });
    expect(article.headline).toBe('Menteri:  "Harga  Stabil"');
    await reporter.api.post(`/drafts/${article.id}/submit`);
    const inReview = await statusOf(article.id, 'in_review');
    expect(inReview.headline).toBe('Menteri: “Harga Stabil”');
    expect(inReview.body).toBe(`<p>${'kata '.repeat(25).trim()}</p><p>Akhir kalimat.</p>`);
    expect(inReview).toMatchObject({ wordCount: 27, readingMinutes: 1 });
    const revisions = (await reporter.api.get(`/drafts/${article.id}/revisions`)).body;
    expect(revisions[0]).toMatchObject({ version: 3, headline: 'Menteri: “Harga Stabil”', editedBy: null });
  });

  it('sends a draft that is too short back to the reporter with the reasons in its history', async () => {
    const article = await createDraft(reporter, {
      headline: 'Kabar Singkat',
      body: '<p>Terlalu pendek untuk tayang.</p>',
      image: { url: 'https://img.newsroom.test/a.jpg', caption: ' ', credit: 'Net' },
    });
    expect((await reporter.api.post(`/drafts/${article.id}/submit`)).status).toBe(202);
    await statusOf(article.id, 'changes_requested');
    const history = (await reporter.api.get(`/drafts/${article.id}/history`)).body;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['created', 'submitted', 'changes_requested']);
    const bounce = history[2];
    expect(bounce).toMatchObject({ actor: null, from: 'submitted', to: 'changes_requested' });
    expect(bounce.comment).toContain('the body has 4 words; at least 20 are needed');
    expect(bounce.data.reasons).toEqual(['the body has 4 words; at least 20 are needed', 'the image needs a caption']);

    // The reporter fixes it and submits again.
    const fixed = await reporter.api.patch(`/drafts/${article.id}`, { version: 3, body: seedArticleInput().body, image: null });
    expect(fixed.status).toBe(200);
    expect((await reporter.api.post(`/drafts/${article.id}/submit`)).status).toBe(202);
    await statusOf(article.id, 'in_review');
    // Each of the two submissions left a snapshot: the refused text (v3) and the accepted one (v6).
    const revisions = (await reporter.api.get(`/drafts/${article.id}/revisions`)).body;
    expect(revisions.map((r: { version: number; editedBy: unknown }) => [r.version, r.editedBy === null])).toEqual([
      [6, true],
      [4, false],
      [3, true],
      [1, false],
    ]);
    expect(revisions[2].body).toBe('<p>Terlalu pendek untuk tayang.</p>');
    expect(revisions[0]).toMatchObject({ body: seedArticleInput().body, image: null });
  });

  it('withdraws a submitted article back to draft, by its author or an editor, but not a draft', async () => {
    const article = await createDraft(reporter, { headline: 'Jembatan Baru Dibuka' });
    await reporter.api.post(`/drafts/${article.id}/submit`);
    const inReview = await statusOf(article.id, 'in_review');
    await queryTestDatabase(`insert into review_claims (article_id, editor_id, claimed_at, expires_at) values ($1, $2, now(), now() + interval '15 minutes')`, [
      article.id,
      editor.id,
    ]);
    expect((await scheduler.api.post(`/drafts/${article.id}/withdraw`)).status).toBe(403);
    expect((await reporter.api.post(`/drafts/${article.id}/withdraw`, { version: inReview.version - 1 })).status).toBe(409);
    const withdrawn = await reporter.api.post(`/drafts/${article.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'draft', version: inReview.version + 1 });
    expect((await reporter.api.post(`/drafts/${article.id}/withdraw`)).status).toBe(422);
    expect(await queryTestDatabase('select 1 from review_claims where article_id = $1', [article.id])).toEqual([]);
    expect(await historyTypes(article.id)).toEqual(['created', 'submitted', 'review_started', 'withdrawn']);

    await reporter.api.post(`/drafts/${article.id}/submit`);
    await statusOf(article.id, 'in_review');
    expect((await editor.api.post(`/drafts/${article.id}/withdraw`)).body.status).toBe('draft');
  });

  it('lists revisions newest first and diffs any two versions field by field, the body word by word', async () => {
    const article = await createDraft(reporter, { headline: 'Gempa Guncang Pantai Selatan', body: '<p>Gempa terasa kuat pada Rabu pagi.</p>' });
    await reporter.api.patch(`/drafts/${article.id}`, { version: 1, body: '<p>Gempa terasa kuat pada Kamis pagi.</p>' });
    await reporter.api.post(`/drafts/${article.id}/submit`); // v3: status only
    await statusOf(article.id, 'changes_requested'); // v4: bounced (too short), the submission snapshotted
    await reporter.api.patch(`/drafts/${article.id}`, { version: 4, headline: 'Gempa Kuat Guncang Pantai Selatan', tags: ['gempa'] }); // v5

    const revisions = (await reporter.api.get(`/drafts/${article.id}/revisions`)).body;
    expect(revisions.map((r: { version: number }) => r.version)).toEqual([5, 4, 2, 1]);
    expect(revisions[1]).toMatchObject({ body: '<p>Gempa terasa kuat pada Kamis pagi.</p>', editedBy: null });
    expect(revisions[0]).toMatchObject({ headline: 'Gempa Kuat Guncang Pantai Selatan', tags: ['gempa'], editedBy: { id: reporter.id } });

    const bodyDiff = await reporter.api.get(`/drafts/${article.id}/revisions/2/diff?against=1`);
    expect(bodyDiff.status).toBe(200);
    expect(bodyDiff.body).toEqual({
      version: 2,
      against: 1,
      changes: [
        {
          field: 'body',
          from: '<p>Gempa terasa kuat pada Rabu pagi.</p>',
          to: '<p>Gempa terasa kuat pada Kamis pagi.</p>',
          words: [{ value: 'Gempa terasa kuat pada ' }, { value: 'Rabu', removed: true }, { value: 'Kamis', added: true }, { value: ' pagi.' }],
        },
      ],
    });

    // v3 changed only the status, so it has v2's content; v4's snapshot is that same content.
    const headlineDiff = (await reporter.api.get(`/drafts/${article.id}/revisions/5/diff?against=4`)).body;
    expect(headlineDiff.changes.map((c: { field: string }) => c.field)).toEqual(['headline', 'tags']);
    expect(headlineDiff.changes[0]).toEqual({ field: 'headline', from: 'Gempa Guncang Pantai Selatan', to: 'Gempa Kuat Guncang Pantai Selatan' });
    expect((await reporter.api.get(`/drafts/${article.id}/revisions/3/diff?against=2`)).body.changes).toEqual([]);
    expect((await reporter.api.get(`/drafts/${article.id}/revisions/4/diff?against=2`)).body.changes).toEqual([]);

    expect((await reporter.api.get(`/drafts/${article.id}/revisions/6/diff?against=1`)).status).toBe(404);
    expect((await reporter.api.get(`/drafts/${article.id}/revisions/2/diff?against=9`)).status).toBe(404);
    for (const path of ['revisions/dua/diff?against=1', 'revisions/0/diff?against=1', 'revisions/2/diff?against=1.5', 'revisions/2/diff']) {
      expect((await reporter.api.get(`/drafts/${article.id}/${path}`)).status).toBe(400);
    }
  });

  it('keeps reporters to their own drafts: another reporter gets 404 and lists only theirs', async () => {
    const mine = await createDraft(reporter, { headline: 'Draf Milik Hani' });
    const theirs = await createDraft(otherReporter, { headline: 'Draf Milik Wartawan Lain' });

    for (const res of [
      await otherReporter.api.get(`/drafts/${mine.id}`),
      await otherReporter.api.patch(`/drafts/${mine.id}`, { version: 1, lead: 'Dibajak.' }),
      await otherReporter.api.post(`/drafts/${mine.id}/submit`),
      await otherReporter.api.get(`/drafts/${mine.id}/history`),
      await otherReporter.api.get(`/drafts/${mine.id}/revisions`),
      await otherReporter.api.get('/drafts/bukan-uuid'),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await newsroom.api.get(`/drafts/${mine.id}`)).status).toBe(401);
    expect((await reporter.api.get(`/drafts/${mine.id}`)).body.lead).toBe(mine.lead);

    const theirList = (await otherReporter.api.get('/drafts')).body;
    expect(theirList.map((a: { id: string }) => a.id)).toEqual([theirs.id]);
    const myList = (await reporter.api.get('/drafts')).body;
    expect(myList.map((a: { id: string }) => a.id)).toContain(mine.id);
    expect(myList.every((a: { author: { id: string } }) => a.author.id === reporter.id)).toBe(true);

    // Editors see everyone's, newest change first, filtered by status and paged by `before`.
    const all = (await editor.api.get('/drafts?limit=100')).body as { id: string; updatedAt: string }[];
    expect(all.map((a) => a.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(all[0].id).toBe(theirs.id);
    const updatedAts = all.map((a) => Date.parse(a.updatedAt));
    expect(updatedAts).toEqual([...updatedAts].sort((a, b) => b - a));
    const drafts = (await editor.api.get('/drafts?status=draft&limit=100')).body as { status: string }[];
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((a) => a.status === 'draft')).toBe(true);
    const older = (await editor.api.get(`/drafts?limit=1&before=${encodeURIComponent(all[0].updatedAt)}`)).body;
    expect(older.map((a: { id: string }) => a.id)).toEqual([all[1].id]);
    expect((await editor.api.get('/drafts?status=terbit')).status).toBe(400);
    expect((await editor.api.get('/drafts?limit=0')).status).toBe(400);
  });

  it('pages articles that share one updatedAt (a published batch) by updatedAt and id, skipping and repeating none', async () => {
    const created = await Promise.all(['Satu', 'Dua', 'Tiga', 'Empat', 'Lima'].map((word) => createDraft(reporter, { headline: `Berita Serentak ${word}` })));
    const ids = created.map((a) => a.id);
    // as PublicationBatch writes them: one moment for the whole batch, later than anything else in the suite
    await queryTestDatabase(`update articles set updated_at = date_trunc('milliseconds', now() + interval '1 day') where id = any($1::uuid[])`, [ids]);
    const seen: string[] = [];
    let page = (await editor.api.get('/drafts?limit=2')).body as { id: string; updatedAt: string }[];
    while (seen.length < ids.length && page.length) {
      seen.push(...page.map((a) => a.id));
      const last = page.at(-1)!;
      page = (await editor.api.get(`/drafts?limit=2&before=${encodeURIComponent(last.updatedAt)}&beforeId=${last.id}`)).body;
    }
    // the burst leads the list (newest), ordered by id among itself, each once; then the pages go on to older ones
    expect(seen.slice(0, ids.length)).toEqual([...ids].sort().reverse());
    expect(new Set(seen).size).toBe(seen.length);
    // an id without a time is no cursor
    const lonely = await editor.api.get(`/drafts?beforeId=${ids[0]}`);
    expect(lonely.status).toBe(400);
    expect(lonely.body.code).toBe('LIST.BAD_CURSOR');
    expect((await editor.api.get('/drafts?before=2024-12-05T09:38:00.000Z&beforeId=bukan-uuid')).status).toBe(400);
  });

  it('lets an editor edit an article in review, which stays in review; others may not edit', async () => {
    const article = await createDraft(reporter, { headline: 'Pelabuhan Baru Beroperasi' });
    await reporter.api.post(`/drafts/${article.id}/submit`);
    const inReview = await statusOf(article.id, 'in_review');

    const byAuthor = await reporter.api.patch(`/drafts/${article.id}`, { version: inReview.version, lead: 'Teras dari penulis.' });
    expect(byAuthor.status).toBe(422);
    expect((await scheduler.api.patch(`/drafts/${article.id}`, { version: inReview.version, lead: 'Teras penjadwal.' })).status).toBe(403);
    expect((await editor.api.post(`/drafts/${article.id}/submit`)).status).toBe(403);

    const edited = await editor.api.patch(`/drafts/${article.id}`, { version: inReview.version, lead: 'Teras yang dirapikan redaktur.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'in_review', version: inReview.version + 1, lead: 'Teras yang dirapikan redaktur.', author: { id: reporter.id } });
    const history = (await editor.api.get(`/drafts/${article.id}/history`)).body;
    expect(history[history.length - 1]).toMatchObject({ type: 'updated', actor: { id: editor.id, name: 'Redaktur Dunia' }, from: 'in_review', to: 'in_review' });
    expect((await editor.api.get(`/drafts/${article.id}/revisions`)).body[0]).toMatchObject({ version: inReview.version + 1, editedBy: { id: editor.id } });
  });

  it('sends an approved and scheduled article back to review when an editor edits it, off the schedule', async () => {
    const scheduledFor = new Date(Date.now() + 3600_000);
    const article = await insertArticle({ authorId: reporter.id, status: 'scheduled', version: 6, scheduledFor, submittedAt: new Date() });
    const before = (await editor.api.get(`/drafts/${article.id}`)).body;
    expect(before).toMatchObject({ status: 'scheduled', approvedVersion: 6, scheduledFor: scheduledFor.toISOString() });

    expect((await reporter.api.patch(`/drafts/${article.id}`, { version: 6, lead: 'Teras penulis.' })).status).toBe(422);
    const edited = await editor.api.patch(`/drafts/${article.id}`, { version: 6, headline: 'Judul Baru Setelah Dijadwalkan' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'in_review', version: 7, scheduledFor: null, approvedVersion: null, headline: 'Judul Baru Setelah Dijadwalkan' });
    expect(edited.body.slug).toBe('judul-baru-setelah-dijadwalkan');
    const history = (await editor.api.get(`/drafts/${article.id}/history`)).body;
    expect(history).toEqual([
      expect.objectContaining({ type: 'unscheduled', actor: { id: editor.id, name: 'Redaktur Dunia' }, from: 'scheduled', to: 'approved', version: 7 }),
      expect.objectContaining({ type: 'updated', from: 'approved', to: 'in_review', version: 7 }),
    ]);
    // in the order the relay hands them on
    const outbox = await queryTestDatabase<{ type: string }>(`select type from outbox_events where article_id = $1 order by occurred_at`, [article.id]);
    expect(outbox.map((e) => e.type)).toEqual(['article.unscheduled', 'review.entered']);
  });

  it('describes the drafts endpoints in the OpenAPI document', async () => {
    const docs = await newsroom.api.get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/drafts', '/drafts/{id}', '/drafts/{id}/submit', '/drafts/{id}/withdraw', '/drafts/{id}/revisions', '/drafts/{id}/revisions/{version}/diff', '/drafts/{id}/history']),
    );
    expect(docs.body.components.schemas.CreateDraftDto.required).toEqual(expect.arrayContaining(['headline', 'body', 'rubric']));
  });
});
