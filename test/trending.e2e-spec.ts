import { minuteBucket, ViewMinuteKey } from '@newsroom/contracts';
import { ApiClient, BROWSER_USER_AGENT, createStaff, ensureRubric, eventually, insertArticle, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';

/**
 * "Naik Daun" against the real site, gateway and views processes on real
 * Postgres and Redis: views counted now rank an article by how much faster it
 * is read than in its own previous hour, within 10 seconds, per rubric, on
 * the JSON and on the home page.
 */
describe('trending: Naik Daun (site, gateway and views processes)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reader: ApiClient;
  let reporter: Staff;

  const read = (slug: string, visitors: number, tag: string) =>
    reader.post('/views/batch', Array.from({ length: visitors }, (_, i) => ({ slug, visitorId: `${tag}-${i}` })));

  /** Views an article had in the hour before the last 15 minutes, put straight into its minute bucket (a test cannot wait an hour). */
  async function viewedEarlier(articleId: string, views: number): Promise<void> {
    const redis = await newsroom.redis();
    try {
      const { keyspace } = newsroom;
      const minute = minuteBucket(new Date()) - 30 * 60;
      await redis.hincrby(keyspace.viewShardKey(keyspace.viewShardOf(articleId), ViewMinuteKey.minute(minute)), articleId, views);
    } finally {
      redis.disconnect();
    }
  }

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'], env: { NEWSROOM_TRENDING_REFRESH_MS: '2000' } });
    admin = await newsroom.adminClient();
    reader = newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
    await ensureRubric(admin);
    await ensureRubric(admin, 'ekonomi', 'Ekonomi');
    reporter = await createStaff(admin, ['reporter']);
  });
  afterAll(() => newsroom?.stop());

  it('ranks what is taking off now above what was big already, within 10 s of the views, and shows it on the home page', async () => {
    const rising = await insertArticle({ authorId: reporter.id, status: 'published', headline: 'Banjir Rob Rendam Pesisir Utara' });
    const steady = await insertArticle({ authorId: reporter.id, status: 'published', headline: 'Harga Cabai Stabil Jelang Akhir Tahun', rubricSlug: 'ekonomi' });
    const quiet = await insertArticle({ authorId: reporter.id, status: 'published', headline: 'Pameran Batik di Balai Kota' });
    const draft = await insertArticle({ authorId: reporter.id, status: 'draft', headline: 'Belum Terbit' });
    await viewedEarlier(steady.id, 240); // 4 a minute in its previous hour
    await viewedEarlier(draft.id, 0);

    const sent = Date.now();
    expect((await read(rising.slug, 12, 'r')).status).toBe(202);
    expect((await read(steady.slug, 20, 's')).status).toBe(202);
    expect((await read(quiet.slug, 2, 'q')).status).toBe(202);

    const list = await eventually(async () => {
      const res = await reader.get('/articles/trending');
      return res.status === 200 && res.body.length === 2 ? res.body : null;
    }, { timeoutMs: 10_000, intervalMs: 200, what: 'Naik Daun to show the new views' });
    expect(Date.now() - sent).toBeLessThan(10_000);
    // rising: 12 in 15 min, none before: (12/15) / (1/60) = 48; steady: (20/15) / (241/60) = 0.33
    expect(list).toEqual([
      { id: rising.id, slug: rising.slug, headline: 'Banjir Rob Rendam Pesisir Utara', viewsLast15m: 12, velocity: 48 },
      { id: steady.id, slug: steady.slug, headline: 'Harga Cabai Stabil Jelang Akhir Tahun', viewsLast15m: 20, velocity: 0.33 },
    ]);

    expect((await reader.get('/articles/trending?rubric=ekonomi')).body.map((i: { slug: string }) => i.slug)).toEqual([steady.slug]);
    expect((await reader.get('/articles/trending?limit=1')).body).toHaveLength(1);

    const home = await eventually(async () => {
      const res = await reader.get('/');
      return res.text.includes('Naik Daun') ? res.text : null;
    }, { timeoutMs: 5000, intervalMs: 200, what: 'the home page to show Naik Daun' });
    const block = home.slice(home.indexOf('Naik Daun'));
    expect(block.indexOf('Banjir Rob Rendam Pesisir Utara')).toBeGreaterThan(0);
    expect(block.indexOf('Banjir Rob Rendam Pesisir Utara')).toBeLessThan(block.indexOf('Harga Cabai Stabil'));

    // taken down: gone from Naik Daun at once, whatever the ranking still says
    const staff = await createStaff(admin, ['editor']);
    expect((await staff.api.post(`/articles/${rising.id}/unpublish`, { reason: 'Data keliru.' })).status).toBe(200);
    await eventually(async () => {
      const res = await reader.get('/articles/trending');
      return res.body.every((i: { slug: string }) => i.slug !== rising.slug) ? true : null;
    }, { timeoutMs: 3000, what: 'the unpublished article to leave Naik Daun' });
  });

  it('refuses bad parameters and unknown rubrics', async () => {
    expect((await reader.get('/articles/trending?limit=0')).status).toBe(400);
    expect((await reader.get('/articles/trending?limit=101')).status).toBe(400);
    expect((await reader.get('/articles/trending?window=1h')).status).toBe(400);
    expect((await reader.get('/articles/trending?rubric=tidak-ada')).status).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await reader.get('/docs/openapi.json');
    expect(doc.body.paths['/articles/trending'].get.responses['200']).toBeDefined();
  });
});
