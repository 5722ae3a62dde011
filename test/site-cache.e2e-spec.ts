import { randomBytes } from 'node:crypto';
import { JobName, PAYLOAD_SCHEMA_VERSION, QueueName } from '@newsroom/contracts';
import {
  ApiClient,
  createStaff,
  ensureRubric,
  eventually,
  freePort,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  Staff,
} from '@newsroom/testing';

/**
 * The readers' side served from each gateway replica's own cache: what a
 * reader, an edge cache and the desk notice. Two gateway replicas share
 * Postgres and Redis; changes made through the staff API must reach both
 * within a second.
 */
describe('replica cache of the readers\' side (two gateways, views service, real Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let second: ApiClient;
  let desk: Staff;
  /** writes what the desk publishes and corrects: no one may correct their own article (four-eyes) */
  let author: Staff;
  const suffix = randomBytes(2).toString('hex');
  const PAGE_CACHE_CONTROL = 'public, max-age=5, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400';

  const replicas = () => [newsroom.api, second];

  /**
   * An article put in as approved, then published through the API as the
   * desk would; returns once its publication has been announced, so what the
   * test reads next is not dropped by that announcement.
   */
  async function publishNew(headline: string, rubricSlug = 'dunia') {
    const article = await insertArticle({ authorId: author.id, status: 'approved', rubricSlug, headline: `${headline} ${suffix}` });
    const published = await desk.api.post(`/articles/${article.id}/publish`, { version: article.version });
    expect(published.status).toBe(200);
    await newsroom.waitForQueuesToDrain();
    return { ...article, version: published.body.version as number };
  }

  /** A counter of this replica's cache from /metrics (responses cache). */
  async function cacheFigure(api: ApiClient, name: string): Promise<number> {
    const metrics = (await api.get('/metrics')).text;
    const line = metrics.split('\n').find((l) => l.startsWith(`newsroom_site_cache_${name}{cache="responses"}`));
    return Number(line?.split(' ')[1] ?? NaN);
  }

  /** Within one second of `since` on every replica, or the test fails. */
  async function withinASecondOnEveryReplica(since: number, probe: (api: ApiClient) => Promise<boolean>, what: string) {
    await Promise.all(replicas().map((api, i) => eventually(() => probe(api), { timeoutMs: Math.max(1, 1000 - (Date.now() - since)), intervalMs: 20, what: `${what} on replica ${i + 1}` })));
  }

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'] });
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'gateway#2', env: { PORT: String(port) } });
    second = new ApiClient(`http://127.0.0.1:${port}`);
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    await ensureRubric(admin, 'ekonomi', 'Ekonomi');
    desk = await createStaff(admin, ['editor', 'scheduler'], 'Hani Fatunnisa');
    author = await createStaff(admin, ['reporter'], 'Sari Dewi');
  });
  afterAll(() => newsroom?.stop());

  it('serves the second request from the cache, also with query parameters the page does not read', async () => {
    const article = await publishNew('Harga Beras Turun Jelang Panen Raya');
    const path = `/berita/${article.slug}`;
    const rendersBefore = await cacheFigure(newsroom.api, 'renders_total');
    const first = await newsroom.api.get(path);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-origin-cache')).toBe('miss');
    for (const query of ['', '?utm_source=x', `?x=${randomBytes(6).toString('hex')}`, '?utm_source=x&fbclid=1']) {
      const again = await newsroom.api.get(`${path}${query}`);
      expect(again.status).toBe(200);
      expect(again.headers.get('x-origin-cache')).toBe('hit');
      expect(again.text).toBe(first.text);
    }
    expect(await cacheFigure(newsroom.api, 'renders_total')).toBe(rendersBefore + 1);
    // the page reads `window`: another window is another page
    expect((await newsroom.api.get('/populer?window=24h')).headers.get('x-origin-cache')).toBe('miss');
    expect((await newsroom.api.get('/populer?utm_medium=x&window=24h')).headers.get('x-origin-cache')).toBe('hit');
    expect((await newsroom.api.get('/populer?window=7d')).headers.get('x-origin-cache')).toBe('miss');
  });

  it('renders once for many readers arriving at the same time', async () => {
    const article = await publishNew('Banjir Rob Rendam Pesisir Utara');
    const rendersBefore = await cacheFigure(newsroom.api, 'renders_total');
    const answers = await Promise.all(Array.from({ length: 30 }, () => newsroom.api.get(`/berita/${article.slug}`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await cacheFigure(newsroom.api, 'renders_total')).toBe(rendersBefore + 1);
  });

  it('answers a revalidation with 304 from the cache, without a render', async () => {
    const article = await publishNew('Pameran Batik Tarik Ribuan Pengunjung');
    const path = `/berita/${article.slug}`;
    const first = await newsroom.api.get(path);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/); // strong
    const lastModified = first.headers.get('last-modified')!;
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    const rendersBefore = await cacheFigure(newsroom.api, 'renders_total');
    const byTag = await newsroom.api.request('GET', path, undefined, { 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(byTag.text).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    const byDate = await newsroom.api.request('GET', path, undefined, { 'if-modified-since': lastModified });
    expect(byDate.status).toBe(304);
    expect((await newsroom.api.request('GET', path, undefined, { 'if-none-match': '"something-else"' })).status).toBe(200);
    expect(await cacheFigure(newsroom.api, 'renders_total')).toBe(rendersBefore);
    // JSON too
    const json = await newsroom.api.get('/rubrics');
    expect((await newsroom.api.request('GET', '/rubrics', undefined, { 'if-none-match': json.headers.get('etag')! })).status).toBe(304);
  });

  it('tells an edge cache how long to keep each response and what it holds', async () => {
    const article = await publishNew('Rupiah Menguat Tipis Jelang Rilis Data Inflasi', 'ekonomi');
    const page = await newsroom.api.get(`/berita/${article.slug}`);
    expect(page.headers.get('cache-control')).toBe(PAGE_CACHE_CONTROL);
    expect(page.headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining([`article-${article.id}`, 'rubrics']));

    const rubric = await newsroom.api.get('/rubrik/ekonomi');
    expect(rubric.headers.get('cache-control')).toBe(PAGE_CACHE_CONTROL);
    expect(rubric.headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining(['rubric-ekonomi', 'rubrics']));
    const home = await newsroom.api.get('/');
    expect(home.headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining(['home', 'rubrics']));

    const json = await newsroom.api.get(`/articles/${article.slug}`);
    expect(json.status).toBe(200);
    expect(json.headers.get('surrogate-key')).toBe(`article-${article.id}`);
    expect(json.headers.get('etag')).toMatch(/^"[^"]+"$/);
    // it shows view counts, which reach readers within 2 s: nobody keeps it longer than a second
    expect(json.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=1\b/);
    const latest = await newsroom.api.get('/articles/latest?rubric=ekonomi');
    expect(latest.headers.get('surrogate-key')!.split(' ')).toEqual(['latest', 'rubric-ekonomi']);
    expect((await newsroom.api.get('/articles/popular')).headers.get('surrogate-key')).toBe('popular');
    const rubrics = await newsroom.api.get('/rubrics');
    expect(rubrics.headers.get('surrogate-key')).toBe('rubrics');
    expect(rubrics.headers.get('cache-control')).toBe(PAGE_CACHE_CONTROL);

    const missing = await newsroom.api.get(`/berita/tidak-ada-${suffix}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=5');
    expect(missing.headers.get('surrogate-key')!.split(' ')).toContain(`missing-tidak-ada-${suffix}`);
  });

  it('keeps staff pages, the desk and the staff API private', async () => {
    for (const path of ['/desk/login', '/desk']) {
      const res = await newsroom.api.get(path);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('surrogate-key')).toBeNull();
    }
    const me = await desk.api.get('/users/me');
    expect(me.headers.get('cache-control') ?? '').not.toMatch(/public/);
    expect(me.headers.get('x-origin-cache')).toBeNull();
  });

  it('answers 404 on both replicas within a second of an unpublish, pages and JSON', async () => {
    const article = await publishNew('Jalur Mudik Mulai Dipadati Kendaraan');
    for (const api of replicas()) {
      for (const path of [`/berita/${article.slug}`, `/articles/${article.slug}`, '/', '/rubrik/dunia']) {
        await api.get(path);
        const again = await api.get(path);
        expect(again.status).toBe(200);
        expect(again.headers.get('x-origin-cache')).toBe('hit');
      }
      expect((await api.get('/')).text).toContain(article.slug);
    }
    const unpublished = await desk.api.post(`/articles/${article.id}/unpublish`, { reason: 'Permintaan narasumber.' });
    expect(unpublished.status).toBe(200);
    const since = Date.now();
    await withinASecondOnEveryReplica(since, async (api) => (await api.get(`/berita/${article.slug}`)).status === 404, 'the page to be gone');
    await withinASecondOnEveryReplica(since, async (api) => (await api.get(`/articles/${article.slug}`)).status === 404, 'the JSON to be gone');
    await withinASecondOnEveryReplica(since, async (api) => !(await api.get('/')).text.includes(article.slug), 'the home page to drop it');
    await withinASecondOnEveryReplica(since, async (api) => !(await api.get('/rubrik/dunia')).text.includes(article.slug), 'the rubric page to drop it');
  });

  it('shows a correction on both replicas within a second', async () => {
    const article = await publishNew('Gempa Kecil Guncang Selatan Jawa');
    for (const api of replicas()) {
      await api.get(`/berita/${article.slug}`);
      expect((await api.get(`/berita/${article.slug}`)).headers.get('x-origin-cache')).toBe('hit');
    }
    const headline = `Gempa Magnitudo 4,1 Guncang Selatan Jawa ${suffix}`;
    const corrected = await desk.api.post(`/articles/${article.id}/corrections`, { version: article.version, note: 'Magnitudo diperbaiki.', headline });
    expect(corrected.status).toBe(200);
    const since = Date.now();
    await withinASecondOnEveryReplica(since, async (api) => (await api.get(`/berita/${article.slug}`)).text.includes('Magnitudo 4,1'), 'the corrected page');
    await withinASecondOnEveryReplica(since, async (api) => (await api.get(`/articles/${article.slug}`)).body.headline === headline, 'the corrected JSON');
  });

  it('renders a corrected page once per replica while readers keep reading it, and none of them waits for that render', async () => {
    const article = await publishNew('Jembatan Gantung Baru Diresmikan');
    const path = `/berita/${article.slug}`;
    for (const api of replicas()) await api.get(path);
    const before = await Promise.all(replicas().map((api) => cacheFigure(api, 'renders_total')));
    const note = `Jumlah desa terdampak diperbarui ${suffix}.`;
    let reading = true;
    const slowest = [0, 0];
    // readers on both replicas, back to back, through the correction and both of its announcements (gateway, views service)
    const readers = replicas().flatMap((api, i) =>
      Array.from({ length: 4 }, async () => {
        while (reading) {
          const started = Date.now();
          expect((await api.get(path)).status).toBe(200);
          slowest[i] = Math.max(slowest[i], Date.now() - started);
        }
      }),
    );
    const corrected = await desk.api.post(`/articles/${article.id}/corrections`, { version: article.version, note });
    expect(corrected.status).toBe(200);
    await withinASecondOnEveryReplica(Date.now(), async (api) => (await api.get(path)).text.includes(note), 'the correction');
    await newsroom.waitForQueuesToDrain();
    await new Promise((r) => setTimeout(r, 300));
    reading = false;
    await Promise.all(readers);
    const after = await Promise.all(replicas().map((api) => cacheFigure(api, 'renders_total')));
    // the page itself; its side block is not a page render
    expect(after.map((n, i) => n - before[i])).toEqual([1, 1]);
    expect(Math.max(...slowest)).toBeLessThan(1000);
  });

  it('lists a newly published article on home, its rubric and the UPDATE list within a second, and drops the 404 kept for its slug', async () => {
    const article = await insertArticle({ authorId: author.id, status: 'approved', rubricSlug: 'ekonomi', headline: `Harga Cabai Rawit Turun ${suffix}` });
    for (const api of replicas()) {
      for (const path of ['/', '/rubrik/ekonomi', '/articles/latest']) await api.get(path);
      expect((await api.get(`/berita/${article.slug}`)).status).toBe(404);
      expect((await api.get(`/berita/${article.slug}`)).headers.get('x-origin-cache')).toBe('hit');
    }
    expect((await desk.api.post(`/articles/${article.id}/publish`, { version: article.version })).status).toBe(200);
    const since = Date.now();
    await withinASecondOnEveryReplica(since, async (api) => (await api.get(`/berita/${article.slug}`)).status === 200, 'its page');
    await withinASecondOnEveryReplica(since, async (api) => (await api.get('/')).text.includes(article.slug), 'the home page');
    await withinASecondOnEveryReplica(since, async (api) => (await api.get('/rubrik/ekonomi')).text.includes(article.slug), 'the rubric page');
    await withinASecondOnEveryReplica(
      since,
      async (api) => (await api.get('/articles/latest')).body.some((item: { slug: string }) => item.slug === article.slug),
      'the UPDATE list',
    );
  });

  it('follows changes the gateway did not make (a scheduled publication, a take-down by another service) through the views service', async () => {
    const article = await publishNew('Pakta Pertahanan Mulai Berlaku');
    for (const api of replicas()) {
      await api.get(`/berita/${article.slug}`);
      expect((await api.get(`/berita/${article.slug}`)).headers.get('x-origin-cache')).toBe('hit');
    }
    // behind the gateways' back; the outbox would hand the views service this job
    await queryTestDatabase(`update articles set status = 'unpublished' where id = $1`, [article.id]);
    const upkeep = newsroom.queue(QueueName.ViewUpkeep);
    try {
      await upkeep.add(JobName.ArticleVisibilityChanged, { schema: PAYLOAD_SCHEMA_VERSION, articleId: article.id, published: false });
    } finally {
      await upkeep.close();
    }
    const since = Date.now();
    await withinASecondOnEveryReplica(since, async (api) => (await api.get(`/berita/${article.slug}`)).status === 404, 'the page to be gone');
  });

  it('adds a new rubric to every page\'s navigation at once', async () => {
    for (const api of replicas()) await api.get('/terbaru');
    await ensureRubric(await newsroom.adminClient(), `olahraga-${suffix}`, `Olahraga ${suffix}`);
    const since = Date.now();
    await withinASecondOnEveryReplica(since, async (api) => (await api.get('/terbaru')).text.includes(`/rubrik/olahraga-${suffix}`), 'the navigation');
    await withinASecondOnEveryReplica(since, async (api) => (await api.get(`/rubrik/olahraga-${suffix}`)).status === 200, 'the rubric page');
  });

  it('reports its size on /health', async () => {
    const health = await newsroom.api.get('/health');
    expect(health.body.siteCache.bytes).toBeGreaterThan(0);
    expect(health.body.siteCache.entries).toBeGreaterThan(0);
  });
});
