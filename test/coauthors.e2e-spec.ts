import { ApiClient, createStaff, ensureRubric, eventually, freePort, NewsroomProcesses, queryTestDatabase, resetDatabase, seedArticleInput, Staff } from '@newsroom/testing';
import { once } from 'node:events';
import { createServer, Server } from 'node:http';

/** What a refused change must leave as it was: the row, its byline rows, its revisions and history. */
const stored = async (id: string) => ({
  article: await queryTestDatabase('select version, status, author_id, byline, updated_at from articles where id = $1', [id]),
  bylines: await queryTestDatabase('select position, user_id, guest_name from article_bylines where article_id = $1 order by position', [id]),
  revisions: await queryTestDatabase('select count(*)::int as n from article_revisions where article_id = $1', [id]),
  events: await queryTestDatabase('select count(*)::int as n from article_events where article_id = $1', [id]),
});

const GUEST = 'Tim <b>Liputan</b> Khusus';

/**
 * Co-authors and guest bylines (API v1.1): on drafts, revisions, the review
 * queue's four-eyes rule, the readers' JSON and page (the dateline), the
 * search document and webhooks.
 */
describe('co-authors and guest bylines', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let hani: Staff;
  let budi: Staff;
  /** reports and edits: a co-author who may then review nothing of the article */
  let rina: Staff;
  let sari: Staff;
  let editor: Staff;
  let receiver: { url: string; bodies: any[]; close: () => Promise<void> };

  beforeAll(async () => {
    await resetDatabase();
    receiver = await startReceiver();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'drafts', 'review'], env: { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    [hani, budi, rina, sari, editor] = await Promise.all([
      createStaff(admin, ['reporter'], 'Hani Fatunnisa'),
      createStaff(admin, ['reporter'], 'Budi Santoso'),
      createStaff(admin, ['reporter', 'editor'], 'Rina Wulandari'),
      createStaff(admin, ['reporter'], 'Sari Dewi'),
      createStaff(admin, ['editor', 'scheduler'], 'Ratna Kusumawati'),
    ]);
  });
  afterAll(async () => {
    await newsroom?.stop();
    await receiver?.close();
  });

  it('takes co-authors and guest bylines on a new draft, the creator first, and lets every author see, edit and submit it', async () => {
    const created = await hani.api.post('/drafts', { ...seedArticleInput({ headline: 'Banjir Rob Merendam Pesisir Utara' }), authors: [budi.id], guestBylines: [`  ${GUEST} `] });
    expect(created.status).toBe(201);
    expect(created.body.author).toEqual({ id: hani.id, name: 'Hani Fatunnisa' });
    expect(created.body.authors).toEqual([{ id: hani.id, name: 'Hani Fatunnisa' }, { id: budi.id, name: 'Budi Santoso' }]);
    expect(created.body.guestBylines).toEqual([GUEST]);
    const id = created.body.id as string;
    expect((await queryTestDatabase('select byline from articles where id = $1', [id]))[0].byline).toBe(`Hani Fatunnisa\nBudi Santoso\n${GUEST}`);

    // the co-author sees it among their drafts, edits it and submits it; a reporter who is not an author does not even see it
    expect(((await budi.api.get('/drafts')).body as { id: string }[]).map((a) => a.id)).toContain(id);
    expect(((await sari.api.get('/drafts')).body as { id: string }[]).map((a) => a.id)).not.toContain(id);
    expect((await sari.api.get(`/drafts/${id}`)).status).toBe(404);
    expect((await sari.api.patch(`/drafts/${id}`, { version: 1, lead: 'Teras lain.' })).status).toBe(404);
    const edited = await budi.api.patch(`/drafts/${id}`, { version: 1, lead: 'Air laut pasang merendam permukiman di pesisir utara.' });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const submitted = await budi.api.post(`/drafts/${id}/submit`, { version: 2 });
    expect(submitted.status).toBe(202);
    const withdrawn = await budi.api.post(`/drafts/${id}/withdraw`, {});
    expect(withdrawn.status).toBe(200);
  });

  it('puts the creator where the list names them, and finds a draft by any author with ?author= in the desk search', async () => {
    const created = await hani.api.post('/drafts', { ...seedArticleInput({ headline: 'Nelayan Menunda Melaut' }), authors: [budi.id, hani.id] });
    expect(created.status).toBe(201);
    expect(created.body.author.id).toBe(budi.id);
    expect(created.body.authors.map((a: { id: string }) => a.id)).toEqual([budi.id, hani.id]);
    const found = await budi.api.get(`/drafts/search?q=${encodeURIComponent('nelayan')}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect((await sari.api.get(`/drafts/search?q=nelayan`)).body.items).toEqual([]);
    // ?author= names any of the authors, the second as well as the first
    const byHani = await editor.api.get(`/drafts/search?q=nelayan&author=${hani.id}`);
    expect(byHani.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
  });

  it('refuses unknown or non-reporter authors, guest bylines out of bounds, unknown fields and a stale version with 4xx, storing nothing', async () => {
    const created = await hani.api.post('/drafts', { ...seedArticleInput({ headline: 'Harga Cabai Naik Menjelang Akhir Tahun' }), authors: [hani.id, budi.id] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const before = await stored(id);
    const refusals: [string, Record<string, unknown>, number, string?][] = [
      ['unknown author', { authors: [hani.id, '7d0f7e36-5d2b-4c39-9a53-3c1c2e7f0a11'] }, 400, 'AUTHORS.UNKNOWN'],
      ['an editor who does not report', { authors: [hani.id, editor.id] }, 400, 'AUTHORS.NOT_REPORTER'],
      ['not a uuid', { authors: ['budi'] }, 400],
      ['no author at all', { authors: [] }, 400],
      ['an author twice', { authors: [hani.id, hani.id] }, 400],
      ['a guest byline of 81 characters', { guestBylines: ['x'.repeat(81)] }, 400],
      ['a blank guest byline', { guestBylines: ['   '] }, 400, 'AUTHORS.BAD_GUEST_BYLINE'],
      ['a guest byline that is no string', { guestBylines: [42] }, 400],
      ['an unknown field', { coAuthors: [budi.id] }, 400],
      ['a stale version', { authors: [hani.id] }, 409],
    ];
    for (const [what, change, status, code] of refusals) {
      const res = await hani.api.patch(`/drafts/${id}`, { version: what === 'a stale version' ? 7 : 1, ...change });
      expect({ what, status: res.status, code: code && res.body.code }).toEqual({ what, status, code });
    }
    expect(await stored(id)).toEqual(before);
    // the same refusals on a new draft store no article at all
    const count = async () => (await queryTestDatabase('select count(*)::int as n from articles'))[0].n;
    const articles = await count();
    expect((await hani.api.post('/drafts', { ...seedArticleInput({ headline: 'Tidak Tersimpan' }), authors: [editor.id] })).status).toBe(400);
    expect((await hani.api.post('/drafts', { ...seedArticleInput({ headline: 'Tidak Tersimpan' }), guestBylines: ['y'.repeat(81)] })).status).toBe(400);
    expect(await count()).toBe(articles);
  });

  it('records the byline in revisions and their diff, and re-runs the stored byline (and search) when the authors change', async () => {
    const created = await hani.api.post('/drafts', { ...seedArticleInput({ headline: 'Gotong Royong Membersihkan Sungai' }) });
    const id = created.body.id as string;
    const changed = await hani.api.patch(`/drafts/${id}`, { version: 1, authors: [hani.id, sari.id], guestBylines: ['Kontributor Daerah'] });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(2);
    expect((await queryTestDatabase('select byline from articles where id = $1', [id]))[0].byline).toBe('Hani Fatunnisa\nSari Dewi\nKontributor Daerah');
    const revisions = (await hani.api.get(`/drafts/${id}/revisions`)).body;
    expect(revisions[0]).toMatchObject({ version: 2, authors: [{ id: hani.id, name: 'Hani Fatunnisa' }, { id: sari.id, name: 'Sari Dewi' }], guestBylines: ['Kontributor Daerah'] });
    expect(revisions[1]).toMatchObject({ version: 1, authors: [{ id: hani.id, name: 'Hani Fatunnisa' }], guestBylines: [] });
    const diff = await hani.api.get(`/drafts/${id}/revisions/2/diff?against=1`);
    expect(diff.body.changes.map((c: { field: string }) => c.field)).toEqual(['authors', 'guestBylines']);

    // Sari leaves the byline: she no longer sees it; the stored byline follows again
    const dropped = await hani.api.patch(`/drafts/${id}`, { version: 2, authors: [hani.id] });
    expect(dropped.status).toBe(200);
    expect((await sari.api.get(`/drafts/${id}`)).status).toBe(404);
    expect((await queryTestDatabase('select byline from articles where id = $1', [id]))[0].byline).toBe('Hani Fatunnisa\nKontributor Daerah');
    // the same byline again changes nothing (no new version)
    expect((await hani.api.patch(`/drafts/${id}`, { version: 3, authors: [hani.id] })).body.version).toBe(3);
  });

  it('refuses every co-author every review decision and the correction (403 REVIEW.OWN_ARTICLE), marks the item not actionable to them, and publishes the byline to readers, the search and webhooks', async () => {
    const hook = await admin.post('/webhooks', { url: receiver.url, events: ['article.published'], secret: 'rahasia-penerima-yang-cukup-panjang' });
    expect(hook.status).toBe(201);
    const created = await hani.api.post('/drafts', {
      ...seedArticleInput({ headline: 'Jembatan Gantung Desa Terpencil Akhirnya Diresmikan', tags: ['infrastruktur'] }),
      authors: [hani.id, budi.id, rina.id],
      guestBylines: [GUEST],
    });
    const id = created.body.id as string;
    expect((await rina.api.post(`/drafts/${id}/submit`, { version: 1 })).status).toBe(202);
    const inReview = await eventually(async () => {
      const res = await editor.api.get(`/drafts/${id}`);
      return res.body.status === 'in_review' ? res.body : undefined;
    }, { what: 'the draft to enter review' });

    const queue = (await rina.api.get('/review-queue')).body as { article: { id: string; authors: { id: string }[] }; actionable: boolean }[];
    const item = queue.find((i) => i.article.id === id)!;
    expect(item.actionable).toBe(false);
    expect(item.article.authors.map((a) => a.id)).toEqual([hani.id, budi.id, rina.id]);
    expect((await editor.api.get('/review-queue')).body.find((i: { article: { id: string } }) => i.article.id === id).actionable).toBe(true);

    const before = await stored(id);
    for (const [what, path, body] of [
      ['claim', 'claim', undefined],
      ['approve', 'approve', { version: inReview.version }],
      ['request changes', 'request-changes', { version: inReview.version, comment: 'Perbaiki.' }],
      ['reject', 'reject', { version: inReview.version, comment: 'Tidak layak.' }],
    ] as const) {
      const res = await rina.api.post(`/review-queue/${id}/${path}`, body);
      expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status: 403, code: 'REVIEW.OWN_ARTICLE' });
    }
    expect(await stored(id)).toEqual(before);

    expect((await editor.api.post(`/review-queue/${id}/approve`, { version: inReview.version })).status).toBe(200);
    const published = await editor.api.post(`/articles/${id}/publish`);
    expect(published.status).toBe(200);
    const refused = await rina.api.post(`/articles/${id}/corrections`, { version: published.body.version, note: 'Nama diperbaiki.' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'REVIEW.OWN_ARTICLE' } });

    // the readers: JSON, the page's dateline (the guest byline escaped), the search by a co-author's name
    const slug = published.body.slug as string;
    const json = await newsroom.api.as(undefined).get(`/articles/${slug}`);
    expect(json.body.author).toEqual({ name: 'Hani Fatunnisa' });
    expect(json.body.authors).toEqual([{ name: 'Hani Fatunnisa' }, { name: 'Budi Santoso' }, { name: 'Rina Wulandari' }, { name: GUEST }]);
    const latest = await newsroom.api.as(undefined).get('/articles/latest');
    expect(latest.body.find((a: { slug: string }) => a.slug === slug).authors).toHaveLength(4);
    const page = await newsroom.api.as(undefined).get(`/berita/${slug}`);
    expect(page.text).toContain('| LAPORAN: HANI FATUNNISA, BUDI SANTOSO, RINA WULANDARI, TIM &lt;B&gt;LIPUTAN&lt;/B&gt; KHUSUS</p>');
    expect(page.text).not.toContain('<B>LIPUTAN');
    const search = await newsroom.api.as(undefined).get('/articles/search?q=wulandari');
    expect(search.body.items.map((i: { slug: string }) => i.slug)).toEqual([slug]);

    // the webhook's article carries the whole byline
    const delivered = await eventually(() => receiver.bodies.find((b) => b.type === 'article.published' && b.data.article.id === id), { timeoutMs: 15_000, what: 'the article.published delivery' });
    expect(delivered.data.article.authors.map((a: { id: string }) => a.id)).toEqual([hani.id, budi.id, rina.id]);
    expect(delivered.data.article.guestBylines).toEqual([GUEST]);

    // a co-author renamed is printed and found under the new name
    expect((await admin.patch(`/users/${budi.id}`, { name: 'Budi Santosa Putra' })).status).toBe(200);
    expect((await queryTestDatabase('select byline from articles where id = $1', [id]))[0].byline).toContain('\nBudi Santosa Putra\n');
  });
});

/** A webhook receiver on loopback that keeps every body it is sent and answers 204. */
async function startReceiver(): Promise<{ url: string; bodies: any[]; close: () => Promise<void> }> {
  const bodies: any[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${port}/hooks`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}
