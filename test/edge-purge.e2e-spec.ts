import { randomBytes } from 'node:crypto';
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
  sleep,
  Staff,
  VarnishProcess,
} from '@newsroom/testing';

/**
 * A real Varnish (deploy/varnish/default.vcl) in front of the real newsroom
 * (gateway, publisher, views), with NEWSROOM_EDGE_PURGE_URL pointing at it.
 * What a reader would notice: a page served from the edge, then within 1 s of
 * a correction the corrected page, within 1 s of an unpublish a 404; and a
 * purge the edge missed while it was down still happens once it is back.
 */
describe('edge purge (Varnish in front of the newsroom, purged from the outbox)', () => {
  let newsroom: NewsroomProcesses;
  let varnish: VarnishProcess;
  let varnishPort: number;
  let edge: ApiClient;
  let reporter: Staff;
  let editor: Staff;
  let scheduler: Staff;
  const suffix = randomBytes(2).toString('hex');

  beforeAll(async () => {
    await resetDatabase();
    // the newsroom must know where the edge is before the edge can know where the newsroom is
    varnishPort = await freePort();
    newsroom = await NewsroomProcesses.start({
      apps: ['gateway', 'publisher', 'views'],
      env: { NEWSROOM_EDGE_PURGE_URL: `http://127.0.0.1:${varnishPort}/` },
    });
    varnish = await VarnishProcess.start({ originPort: newsroom.port, port: varnishPort });
    edge = new ApiClient(varnish.baseUrl);
    const admin = await newsroom.adminClient();
    await ensureRubric(admin);
    [reporter, editor, scheduler] = await Promise.all([
      createStaff(admin, ['reporter']),
      createStaff(admin, ['editor']),
      createStaff(admin, ['scheduler']),
    ]);
    // the edge's health probe must see the origin healthy before it fetches pages
    await eventually(async () => (await edge.get(`/berita/tidak-ada-${suffix}`)).status === 404, { what: 'the edge to reach the origin' });
  }, 90_000);

  afterAll(async () => {
    await varnish?.stop();
    await newsroom?.stop();
  });

  async function publishedArticle(headline: string) {
    return insertArticle({ authorId: reporter.id, status: 'published', rubricSlug: 'dunia', headline: `${headline} ${suffix}` });
  }

  /** Reads the page through the edge until it is a hit, as a second reader would get it. */
  async function cachedAtTheEdge(path: string) {
    await edge.get(path);
    const second = await edge.get(path);
    expect(second.headers.get('x-cache')).toBe('HIT');
    return second;
  }

  /** How long until the edge answers `path` the way `expected` wants (polled every 25 ms, up to `timeoutMs`). */
  async function msUntil(path: string, expected: (res: Awaited<ReturnType<ApiClient['get']>>) => boolean, timeoutMs = 5000): Promise<number> {
    const started = Date.now();
    await eventually(async () => expected(await edge.get(path)), { timeoutMs, intervalMs: 25, what: `the edge's ${path} to change` });
    return Date.now() - started;
  }

  async function outboxEventId(articleId: string, type: string): Promise<string> {
    const rows = await queryTestDatabase<{ id: string }>(`select id from outbox_events where article_id = $1 and type = $2`, [articleId, type]);
    expect(rows).toHaveLength(1);
    return rows[0].id;
  }

  it('serves a page from the edge, then the corrected page within 1 s of the correction and a 404 within 1 s of the unpublish', async () => {
    const article = await publishedArticle('Banjir Rob Surut di Pesisir Utara');
    const path = `/berita/${article.slug}`;
    const cached = await cachedAtTheEdge(path);
    expect(cached.status).toBe(200);
    expect(cached.text).toContain('Banjir Rob Surut di Pesisir Utara');

    const corrected = await editor.api.post(`/articles/${article.id}/corrections`, {
      version: article.version,
      note: 'Judul diperbaiki: banjir rob belum surut.',
      headline: `Banjir Rob Belum Surut di Pesisir Utara ${suffix}`,
    });
    expect(corrected.status).toBe(200);
    expect(await msUntil(path, (res) => res.text.includes('Banjir Rob Belum Surut'))).toBeLessThanOrEqual(1000);
    // the corrected page is itself cached again: the edge keeps working for readers
    expect((await cachedAtTheEdge(path)).text).toContain('Judul diperbaiki');

    const unpublished = await scheduler.api.post(`/articles/${article.id}/unpublish`, { reason: 'Narasumber mencabut pernyataannya.' });
    expect(unpublished.status).toBe(200);
    expect(await msUntil(path, (res) => res.status === 404)).toBeLessThanOrEqual(1000);

    // one purge now and two later ones for pages that reached the edge meanwhile, each confirmed by the edge
    const queue = newsroom.queue('edge-purge');
    try {
      const eventId = await outboxEventId(article.id, 'article.corrected');
      const settled = await eventually(async () => {
        const jobs = await Promise.all(['', '-after-500ms', '-after-2000ms'].map((pass) => queue.getJob(`edge-purge-${eventId}${pass}`)));
        return jobs.every((job) => job?.finishedOn && job.returnvalue) && jobs;
      }, { timeoutMs: 10_000, what: 'the purges of the correction to complete' });
      for (const job of settled) expect(job!.returnvalue).toEqual({ purged: expect.any(Number) });
      // whichever ran first found the old page (on a busy machine the 500 ms repeat may overtake the first)
      expect(settled.reduce((sum, job) => sum + job!.returnvalue.purged, 0)).toBeGreaterThanOrEqual(1);
    } finally {
      await queue.close();
    }
  }, 60_000);

  it('drops the 404 the edge kept for a slug within 1 s of an article being published there', async () => {
    const article = await insertArticle({ authorId: reporter.id, status: 'approved', rubricSlug: 'dunia', headline: `Gempa Kecil Guncang Selat Sunda ${suffix}` });
    const path = `/berita/${article.slug}`;
    const early = await cachedAtTheEdge(path);
    expect(early.status).toBe(404);

    expect((await scheduler.api.post(`/articles/${article.id}/publish`, { version: article.version })).status).toBe(200);
    expect(await msUntil(path, (res) => res.status === 200 && res.text.includes('Gempa Kecil Guncang Selat Sunda'))).toBeLessThanOrEqual(1000);
  }, 30_000);

  it('shows a new rubric in the navigation of pages served by the edge within 1 s of its creation', async () => {
    const article = await publishedArticle('Harga Cabai Naik Jelang Lebaran');
    const slug = `olahraga-${suffix}`;
    const paths = ['/', `/berita/${article.slug}`, '/rubrics'];
    for (const path of paths) expect((await cachedAtTheEdge(path)).text).not.toContain(slug);

    const created = await (await newsroom.adminClient()).post('/rubrics', { slug, name: `Olahraga ${suffix}` });
    expect(created.status).toBe(201);
    const since = Date.now();
    await Promise.all(paths.map((path) => msUntil(path, (res) => res.status === 200 && res.text.includes(slug))));
    expect(Date.now() - since).toBeLessThanOrEqual(1000);

    // the purge came from the outbox event written with the rubric, confirmed by the edge
    const [event] = await queryTestDatabase<{ id: string }>(`select id from outbox_events where type = 'rubric.created' and payload->'rubric'->>'slug' = $1`, [slug]);
    expect(event).toBeDefined();
    const queue = newsroom.queue('edge-purge');
    try {
      const job = await eventually(async () => {
        const first = await queue.getJob(`edge-purge-${event.id}`);
        return first?.finishedOn ? first : undefined;
      }, { timeoutMs: 10_000, what: 'the purge of the new rubric to complete' });
      expect(job.data.keys).toEqual(['rubrics', 'home']);
      expect(job.returnvalue).toEqual({ purged: expect.any(Number) });
    } finally {
      await queue.close();
    }
  }, 60_000);

  it('retries a purge while the edge is down and gets it confirmed once the edge is back', async () => {
    const article = await publishedArticle('Harga Cabai Naik Menjelang Lebaran');
    await cachedAtTheEdge(`/berita/${article.slug}`);
    await varnish.stop();

    const corrected = await editor.api.post(`/articles/${article.id}/corrections`, {
      version: article.version,
      note: 'Harga yang disebut adalah harga grosir.',
    });
    expect(corrected.status).toBe(200);
    const eventId = await outboxEventId(article.id, 'article.corrected');
    const queue = newsroom.queue('edge-purge');
    try {
      // the purge has failed at least once against the stopped edge, and waits for its retry
      await eventually(async () => ((await queue.getJob(`edge-purge-${eventId}`))?.attemptsMade ?? 0) >= 1, { timeoutMs: 10_000, what: 'a failed purge attempt' });
      const pending = await queue.getJob(`edge-purge-${eventId}`);
      expect(pending!.finishedOn).toBeUndefined();
      // operators see the purges waiting for the edge
      const waiting = /^newsroom_queue_jobs\{queue="edge-purge",state="delayed"\} (\d+)$/m.exec((await newsroom.api.get('/metrics')).text);
      expect(Number(waiting?.[1])).toBeGreaterThanOrEqual(1);
      await sleep(1500);

      varnish = await VarnishProcess.start({ originPort: newsroom.port, port: varnishPort });
      edge = new ApiClient(varnish.baseUrl);
      const done = await eventually(async () => {
        const job = await queue.getJob(`edge-purge-${eventId}`);
        return job?.finishedOn ? job : undefined;
      }, { timeoutMs: 20_000, what: 'the purge to be confirmed by the edge that came back' });
      expect(done.attemptsMade).toBeGreaterThanOrEqual(2);
      expect(done.returnvalue).toEqual({ purged: expect.any(Number) });
    } finally {
      await queue.close();
    }
    expect((await edge.get(`/berita/${article.slug}`)).text).toContain('Harga yang disebut adalah harga grosir.');
  }, 60_000);
});
