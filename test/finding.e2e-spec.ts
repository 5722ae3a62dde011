import { randomBytes } from 'node:crypto';
import { ApiClient, createStaff, ensureRubric, NewsroomProcesses, queryTestDatabase, resetDatabase, Staff } from '@newsroom/testing';

/**
 * Finding and following stories (API v1.2) through the real processes:
 * search in Indonesian (word forms, phrases, -word, typos, snippets, paging,
 * bad input), the desk's search with GET /drafts' visibility, ?tag= and
 * /tag/:slug, and "Berita Terkait" worked out as an article goes live.
 */
describe('search, tags and related stories (site and gateway, real Postgres)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let otherReporter: Staff;
  const suffix = randomBytes(2).toString('hex');

  /** An article put into Postgres as it is (published rows then go live through an UPDATE, as every publish does). */
  async function article(options: { headline: string; lead?: string; body: string; tags?: string[]; rubric?: string; status?: string; authorId?: string; minutesAgo?: number }) {
    const slug = `${options.headline.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${suffix}`;
    const [row] = await queryTestDatabase<{ id: string }>(
      `insert into articles (id, slug, version, status, headline, lead, body, rubric_id, author_id, tags, priority, created_at, updated_at)
       select gen_random_uuid(), $1, 1, 'approved', $2, $3, $4, r.id, $5, $6, 'normal', now(), now() - $8 * interval '1 minute'
         from rubrics r where r.slug = $7 returning id`,
      [slug, options.headline, options.lead ?? null, options.body, options.authorId ?? reporter.id, options.tags ?? [], options.rubric ?? 'dunia', options.minutesAgo ?? 0],
    );
    const status = options.status ?? 'published';
    await queryTestDatabase(
      `update articles set status = $2::article_status, published_at = case when $2 = 'published' then now() - $3 * interval '1 minute' else null end where id = $1`,
      [row.id, status, options.minutesAgo ?? 0],
    );
    return { id: row.id, slug };
  }

  let pakta: { id: string; slug: string };
  let sepakat: { id: string; slug: string };
  let marked: { id: string; slug: string };
  let draft: { id: string; slug: string };
  let otherDraft: { id: string; slug: string };

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    await ensureRubric(admin, 'ekonomi', 'Ekonomi');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    otherReporter = await createStaff(admin, ['reporter'], 'Budi Santoso');
    pakta = await article({
      headline: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku',
      lead: 'Kedua negara sepakat saling membantu.',
      body: '<p>Korea Utara dan Rusia akan mempertahankan kerja sama militer mereka.</p>',
      tags: ['Korea Utara', 'rusia'],
      minutesAgo: 30,
    });
    sepakat = await article({
      headline: 'Parlemen Menyepakati Anggaran Baru',
      body: '<p>Anggota dewan menyepakati anggaran pertahanan tahun depan.</p>',
      tags: ['anggaran', 'rusia'],
      minutesAgo: 20,
    });
    marked = await article({
      headline: 'Harga <script>alert(1)</script> ]]> Beras Naik',
      body: '<p>Harga beras &lt;b&gt; naik di pasar induk.</p>',
      tags: ['pangan'],
      rubric: 'ekonomi',
      minutesAgo: 10,
    });
    draft = await article({ headline: 'Draf Pertahanan Rahasia', body: '<p>Rencana pertahanan yang belum terbit.</p>', status: 'draft' });
    otherDraft = await article({ headline: 'Draf Pertahanan Lain', body: '<p>Pertahanan pesisir.</p>', status: 'draft', authorId: otherReporter.id });
    await article({ headline: 'Pertahanan Ditarik', body: '<p>Pertahanan yang ditarik.</p>', status: 'unpublished' });
  }, 120_000);

  afterAll(async () => {
    await newsroom?.stop();
  });

  const search = (query: string) => newsroom.api.get(`/articles/search?${query}`);
  const slugs = (res: { body: { items: { slug: string }[] } }) => res.body.items.map((i) => i.slug);

  it('finds Indonesian word forms: pertahanan finds mempertahankan, kesepakatan finds menyepakati', async () => {
    const res = await search('q=pertahanan');
    expect(res.status).toBe(200);
    // the headline match first, the body-only match after; nothing unpublished
    expect(slugs(res)).toEqual([pakta.slug, sepakat.slug]);
    const item = res.body.items[0];
    expect(item).toMatchObject({ headline: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku', rubric: { slug: 'dunia', name: 'Dunia' }, authors: [{ name: 'Hani Fatunnisa' }] });
    expect(item.publishedAtDisplay).toMatch(/WIB$/);
    expect(item.snippet).toContain('<mark>mempertahankan</mark>');
    expect(slugs(await search('q=kesepakatan'))).toEqual(expect.arrayContaining([sepakat.slug, pakta.slug]));
  });

  it('honours quoted phrases and -word', async () => {
    expect(slugs(await search(`q=${encodeURIComponent('"anggaran pertahanan"')}`))).toEqual([sepakat.slug]);
    expect(slugs(await search(`q=${encodeURIComponent('pertahanan -korea')}`))).toEqual([sepakat.slug]);
  });

  it('forgives one typo in a word of five letters or more', async () => {
    expect(slugs(await search('q=pertahnan'))).toEqual([pakta.slug, sepakat.slug]);
    expect(slugs(await search('q=parlemn'))).toEqual([sepakat.slug]);
  });

  it('finds by author and by tag, filters by rubric and tag', async () => {
    expect(slugs(await search(`q=${encodeURIComponent('Hani Fatunnisa')}`))).toHaveLength(3);
    expect(slugs(await search('q=pertahanan&tag=korea-utara'))).toEqual([pakta.slug]);
    expect(slugs(await search('q=beras&rubric=dunia'))).toEqual([]);
  });

  it('escapes markup from the article in snippets', async () => {
    const res = await search('q=beras');
    expect(slugs(res)).toEqual([marked.slug]);
    expect(res.body.items[0].snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(res.body.items[0].snippet).not.toContain('<b>');
  });

  it('pages by cursor without repeats, and refuses a tampered cursor', async () => {
    const first = await search('q=rusia&limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await search(`q=rusia&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].slug).not.toBe(first.body.items[0].slug);
    expect(second.body.nextCursor).toBeNull();
    const tampered = first.body.nextCursor.slice(0, -4) + 'AAAA';
    expect((await search(`q=rusia&cursor=${encodeURIComponent(tampered)}`)).status).toBe(400);
    expect((await search(`q=beras&cursor=${encodeURIComponent(first.body.nextCursor)}`)).status).toBe(400);
  });

  it('answers bad input with a 400 or nothing, never a 5xx', async () => {
    expect((await search('q=')).status).toBe(400);
    expect((await search('')).status).toBe(400);
    expect((await search(`q=${'a'.repeat(201)}`)).status).toBe(400);
    expect((await search('q=pertahanan&limit=51')).status).toBe(400);
    for (const q of ["& | ! : * ( ) ' \"", 'yang dan di', '-pertahanan', '%EF%BF%BF%01%7F', '\\\\', "pertahanan:* & !'x'"]) {
      const res = await search(`q=${q.includes('%') ? q : encodeURIComponent(q)}`);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200 && !q.includes('pertahanan:*')) expect(res.body.items).toEqual([]);
    }
  });

  it('marks a match deep in the body, follows a correction at once, and finds a phrase whose words the headline has apart', async () => {
    // ~2,000 characters before the match: beyond the window a snippet is looked for in first
    const filler = '<p>Pemerintah daerah menyampaikan rencana kerja tahunan kepada warga setempat.</p>'.repeat(26);
    const deep = await article({
      headline: 'Irigasi Sawah dan Waduk Desa Diperluas',
      lead: 'Petani menyambut rencana itu.',
      body: `${filler}<p>Warga menjaga bendungan tua dan saluran irigasi waduk yang baru.</p>`,
      tags: ['pertanian'],
    });
    const apart = await article({ headline: 'Waduk Penuh, Irigasi Lancar', body: '<p>Air waduk mengalir ke sawah; irigasi berjalan.</p>', tags: ['pertanian'] });
    const word = await search('q=bendungan');
    expect(slugs(word)).toEqual([deep.slug]);
    expect(word.body.items[0].snippet).toContain('<mark>bendungan</mark>');
    // the phrase: both articles have its words in the headline, only one has them in order (in its body)
    const phrase = await search(`q=${encodeURIComponent('"irigasi waduk"')}`);
    expect(slugs(phrase)).toEqual([deep.slug]);
    expect(phrase.body.items[0].snippet).toMatch(/<mark>irigasi<\/mark> <mark>waduk<\/mark>/);
    expect(slugs(await search(`q=${encodeURIComponent('"waduk irigasi"')}`))).toEqual([]);
    expect(slugs(await search('q=waduk'))).toEqual(expect.arrayContaining([deep.slug, apart.slug]));
    // a correction: the stored text and the document change in the statement that makes it
    await queryTestDatabase(`update articles set body = replace(body, 'bendungan', 'tanggul') where id = $1`, [deep.id]);
    const corrected = await search('q=tanggul');
    expect(slugs(corrected)).toEqual([deep.slug]);
    expect(corrected.body.items[0].snippet).toContain('<mark>tanggul</mark>');
    expect(slugs(await search('q=bendungan&limit=9'))).toEqual([]);
  });

  it('gives the desk every status, but a reporter only their own', async () => {
    const asReporter = await reporter.api.get('/drafts/search?q=pertahanan');
    expect(asReporter.status).toBe(200);
    const reporterIds = asReporter.body.items.map((i: { id: string }) => i.id);
    expect(reporterIds).toContain(draft.id);
    expect(reporterIds).not.toContain(otherDraft.id);
    expect(asReporter.body.items.find((i: { id: string }) => i.id === draft.id).status).toBe('draft');
    const asAdmin = await admin.get('/drafts/search?q=pertahanan&status=draft');
    expect(asAdmin.body.items.map((i: { id: string }) => i.id).sort()).toEqual([draft.id, otherDraft.id].sort());
    expect((await newsroom.api.get('/drafts/search?q=pertahanan')).status).toBe(401);
    expect((await admin.get('/drafts/search?q=')).status).toBe(400);
  });

  it('lists by tag: ?tag= on the latest list, /tag/:slug, and the article page links its tags', async () => {
    const latest = await newsroom.api.get('/articles/latest?tag=rusia');
    expect(latest.body.map((i: { slug: string }) => i.slug)).toEqual([sepakat.slug, pakta.slug]);
    const page = await newsroom.api.get('/tag/korea-utara');
    expect(page.status).toBe(200);
    const mainColumn = page.text.slice(0, page.text.indexOf('<aside'));
    expect(mainColumn).toContain(`/berita/${pakta.slug}`);
    expect(mainColumn).not.toContain(`/berita/${sepakat.slug}`);
    expect(page.headers.get('surrogate-key')).toContain('tag-korea-utara');
    expect((await newsroom.api.get('/tag/tidak-ada-tag')).status).toBe(404);
    const articlePage = await newsroom.api.get(`/berita/${pakta.slug}`);
    expect(articlePage.text).toContain('href="/tag/korea-utara"');
  });

  it('shows Berita Terkait on the page and as JSON, never the article itself, never an unpublished one', async () => {
    const related = await newsroom.api.get(`/articles/${pakta.slug}/related`);
    expect(related.status).toBe(200);
    const relatedSlugs = related.body.map((i: { slug: string }) => i.slug);
    expect(relatedSlugs[0]).toBe(sepakat.slug);
    expect(relatedSlugs).not.toContain(pakta.slug);
    const page = await newsroom.api.get(`/berita/${pakta.slug}`);
    expect(page.text).toContain('Berita Terkait');
    expect(page.text).toContain(`/berita/${sepakat.slug}`);
    // taken down: gone from the related lists and the search
    await queryTestDatabase(`update articles set status = 'unpublished' where id = $1`, [sepakat.id]);
    expect((await newsroom.api.get(`/articles/${pakta.slug}/related?limit=5`)).body.map((i: { slug: string }) => i.slug)).not.toContain(sepakat.slug);
    expect(slugs(await search('q=parlemen&limit=5'))).toEqual([]);
    expect((await newsroom.api.get('/articles/tidak-ada/related')).status).toBe(404);
  });

  it('serves /cari with the search box in every page\'s header', async () => {
    const home = await newsroom.api.get('/');
    expect(home.text).toContain('action="/cari"');
    const page = await newsroom.api.get('/cari?q=mempertahankan');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/berita/${pakta.slug}`);
    expect(page.text).toContain('<mark>');
    const bad = await newsroom.api.get(`/cari?q=${'a'.repeat(300)}`);
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('1 sampai 200');
  });
});
