import { ApiClient, createStaff, ensureRubric, eventually, freePort, NewsroomProcesses, queryTestDatabase, resetDatabase, seedArticleInput, Staff } from '@newsroom/testing';
import { createHash } from 'node:crypto';

const HEADLINE = 'Rancangan Aturan Ojek Daring Dibahas Pekan Depan';

/**
 * Secret preview links (API v1.1): made by an article's authors and editors,
 * shown by the readers' site like the article page with a PRATINJAU banner,
 * never cached, indexed, counted or listed; an altered, expired or revoked
 * link is a 404 that says nothing of the article, on every site replica
 * within a second. Two origins (site and gateway each) run here.
 */
describe('secret preview links (two site replicas)', () => {
  let newsroom: NewsroomProcesses;
  let second: ApiClient;
  let admin: ApiClient;
  let hani: Staff;
  let budi: Staff;
  let sari: Staff;
  let editor: Staff;
  let scheduler: Staff;
  const replicas = () => [newsroom.api.as(undefined), second];

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'gateway#2', env: { PORT: String(port) } });
    second = new ApiClient(`http://127.0.0.1:${port}`);
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'nasional', 'Nasional');
    [hani, budi, sari, editor, scheduler] = await Promise.all([
      createStaff(admin, ['reporter'], 'Hani Fatunnisa'),
      createStaff(admin, ['reporter'], 'Budi Santoso'),
      createStaff(admin, ['reporter'], 'Sari Dewi'),
      createStaff(admin, ['editor'], 'Ratna Kusumawati'),
      createStaff(admin, ['scheduler'], 'Yusuf Hidayat'),
    ]);
  });
  afterAll(() => newsroom?.stop());

  const draft = async (headline = HEADLINE) => {
    const created = await hani.api.post('/drafts', { ...seedArticleInput({ headline, rubric: 'nasional' }), authors: [hani.id, budi.id], guestBylines: ['Tim <i>Hukum</i>'] });
    expect(created.status).toBe(201);
    return created.body as { id: string; slug: string; version: number };
  };
  const pathOf = (url: string) => new URL(url).pathname;
  const linkCount = async () => (await queryTestDatabase('select count(*)::int as n from preview_links'))[0].n as number;

  it('gives an author a link on the public origin that shows that version like the page, with a banner, noindex, never stored by a cache, on both replicas', async () => {
    const article = await draft();
    const before = Date.now();
    const made = await budi.api.post(`/drafts/${article.id}/preview-links`, {});
    expect(made.status).toBe(201);
    expect(made.body.url).toMatch(new RegExp(`^${newsroom.baseUrl}/pratinjau/[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(made.body.expiresAt) - before).toBeGreaterThan(24 * 3600_000 - 60_000);
    expect(Date.parse(made.body.expiresAt) - before).toBeLessThan(24 * 3600_000 + 60_000);
    const token = pathOf(made.body.url).split('/').pop()!;
    // only the token's hash is stored
    const [row] = await queryTestDatabase('select token_hash from preview_links where id = $1', [made.body.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));

    // a later edit does not reach a link made before it
    expect((await hani.api.patch(`/drafts/${article.id}`, { version: article.version, headline: 'Judul Yang Belum Dibagikan' })).status).toBe(200);

    for (const site of replicas()) {
      const page = await site.get(pathOf(made.body.url));
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('private, no-store');
      expect(page.headers.get('x-robots-tag')).toMatch(/noindex/);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.text).toContain('<meta name="robots" content="noindex">');
      expect(page.text).toContain('PRATINJAU');
      expect(page.text).toContain(`<h1 class="headline">${HEADLINE}</h1>`);
      expect(page.text).not.toContain('Judul Yang Belum Dibagikan');
      expect(page.text).toMatch(/\| LAPORAN: HANI FATUNNISA, BUDI SANTOSO, TIM &lt;I&gt;HUKUM&lt;\/I&gt;<\/p>/);
      // not counted: no beacon, nothing to count by; no canonical address that would give the token away
      expect(page.text).not.toContain('beacon.js');
      expect(page.text).not.toContain('data-view-slug');
      expect(page.text).not.toContain('rel="canonical"');
    }
    // in no list, search or page of the readers
    const reader = newsroom.api.as(undefined);
    expect((await reader.get('/articles/latest')).body).toEqual([]);
    expect((await reader.get('/articles/search?q=ojek')).body.items).toEqual([]);
    expect((await reader.get(`/articles/${article.slug}`)).status).toBe(404);
    expect((await reader.get(`/berita/${article.slug}`)).status).toBe(404);
    expect((await queryTestDatabase('select count(*)::int as n from article_view_totals where article_id = $1', [article.id]))[0].n).toBe(0);
  });

  it('answers an altered, expired or revoked token with the plain 404 page, naming nothing of the article, on every replica within a second of the revocation', async () => {
    const article = await draft('Pemerintah Kaji Ulang Tarif Tol Trans Jawa');
    const made = (await hani.api.post(`/drafts/${article.id}/preview-links`, { expiresInHours: 2 })).body;
    const path = pathOf(made.url);
    for (const site of replicas()) expect((await site.get(path)).status).toBe(200);

    const notFound = async (site: ApiClient, p: string) => {
      const res = await site.get(p);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.text).not.toMatch(/Tarif Tol|LAPORAN|HANI/i);
      return res.status === 404;
    };
    const token = path.split('/').pop()!;
    const altered = `/pratinjau/${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const site of replicas()) {
      expect(await notFound(site, altered)).toBe(true);
      expect(await notFound(site, '/pratinjau/pendek')).toBe(true);
    }

    const revoked = await hani.api.delete(`/drafts/${article.id}/preview-links/${made.id}`);
    expect(revoked.status).toBe(204);
    const since = Date.now();
    await Promise.all(replicas().map((site, i) => eventually(() => notFound(site, path), { timeoutMs: 1000, intervalMs: 20, what: `a 404 on replica ${i + 1}` })));
    expect(Date.now() - since).toBeLessThan(1000);
    // revoking again changes nothing; the link is listed as revoked, never with its token
    expect((await hani.api.delete(`/drafts/${article.id}/preview-links/${made.id}`)).status).toBe(204);
    const listed = await budi.api.get(`/drafts/${article.id}/preview-links`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: made.id, active: false, revokedAt: expect.any(String), createdBy: { id: hani.id, name: 'Hani Fatunnisa' } })]);
    expect(listed.text).not.toContain(token);
    const history = (await hani.api.get(`/drafts/${article.id}/history`)).body.map((e: { type: string }) => e.type);
    expect(history.filter((t: string) => t.startsWith('preview_link'))).toEqual(['preview_link_created', 'preview_link_revoked']);

    // expired: the database's clock decides
    const expiring = (await editor.api.post(`/drafts/${article.id}/preview-links`, { expiresInHours: 1 })).body;
    expect((await second.get(pathOf(expiring.url))).status).toBe(200);
    await queryTestDatabase(`update preview_links set expires_at = now() - interval '1 second' where id = $1`, [expiring.id]);
    for (const site of replicas()) expect(await notFound(site, pathOf(expiring.url))).toBe(true);
  });

  it('is for the article\'s authors and editors only, refuses bad input with 400, and stores nothing on any refusal', async () => {
    const article = await draft('Sekolah Rakyat Dibuka di Sepuluh Provinsi');
    const base = `/drafts/${article.id}/preview-links`;
    const before = await linkCount();
    const refusals: [string, () => Promise<{ status: number }>, number][] = [
      ['zero hours', () => hani.api.post(base, { expiresInHours: 0 }), 400],
      ['more than a week', () => hani.api.post(base, { expiresInHours: 169 }), 400],
      ['a fraction', () => hani.api.post(base, { expiresInHours: 1.5 }), 400],
      ['a string', () => hani.api.post(base, { expiresInHours: '24' }), 400],
      ['an unknown field', () => hani.api.post(base, { expiresInHours: 24, version: 1 }), 400],
      ['no token', () => hani.api.as(undefined).post(base, {}), 401],
      ['a reporter who is no author', () => sari.api.post(base, {}), 404],
      ['a scheduler', () => scheduler.api.post(base, {}), 403],
      ['an admin', () => admin.post(base, {}), 403],
      ['an unknown article', () => hani.api.post('/drafts/7d0f7e36-5d2b-4c39-9a53-3c1c2e7f0a11/preview-links', {}), 404],
    ];
    for (const [what, call, status] of refusals) expect({ what, status: (await call()).status }).toEqual({ what, status });
    expect(await linkCount()).toBe(before);
    expect((await sari.api.get(base)).status).toBe(404);
    expect((await scheduler.api.get(base)).status).toBe(403);
    expect((await hani.api.delete(`${base}/7d0f7e36-5d2b-4c39-9a53-3c1c2e7f0a11`)).status).toBe(404);
    expect((await hani.api.delete(`${base}/bukan-id`)).status).toBe(404);

    // a link of one article cannot be revoked through another
    const other = await draft('Pasar Murah Digelar Menjelang Lebaran');
    const link = (await editor.api.post(`/drafts/${other.id}/preview-links`, { expiresInHours: 168 })).body;
    expect((await hani.api.delete(`${base}/${link.id}`)).status).toBe(404);
    expect((await hani.api.get(`/drafts/${other.id}/preview-links`)).body[0]).toMatchObject({ id: link.id, active: true });
  });
});
