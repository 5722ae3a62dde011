import { randomBytes } from 'node:crypto';
import { BROWSER_USER_AGENT, createStaff, ensureRubric, eventually, insertArticle, NewsroomProcesses, resetDatabase, sleep, Staff } from '@newsroom/testing';

const CAP = 5;

/**
 * One client address sending made-up visitor ids (a flood within the rate
 * limit) adds at most NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT visitors to an
 * article per dedup window, so it cannot lift an article over one real
 * readers keep reading. The beacon still answers 202 as usual.
 */
describe('view flood from one address', () => {
  let newsroom: NewsroomProcesses;
  let reporter: Staff;

  beforeAll(async () => {
    await resetDatabase();
    // the test's 127.0.0.1 stands in for the site's proxy, whose X-Forwarded-For is believed
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'], env: { NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: String(CAP), NEWSROOM_TRUSTED_PROXIES: '127.0.0.1' } });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
  });
  afterAll(() => newsroom?.stop());

  /** a client behind the trusted proxy */
  const from = (ip: string) => newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT, 'x-forwarded-for': ip });
  const visitor = () => `banjir-${randomBytes(6).toString('hex')}`;
  const views = async (slug: string) => (await newsroom.api.get(`/articles/${slug}`)).body.views as number;

  it('caps what one address adds to one article, per article, and leaves the ranking to real readers', async () => {
    const flooded = await insertArticle({ authorId: reporter.id, status: 'published' });
    const read = await insertArticle({ authorId: reporter.id, status: 'published' });
    const flooder = from('198.51.100.66');

    for (let round = 0; round < 3; round++) {
      const res = await flooder.post('/views/batch', Array.from({ length: 500 }, () => ({ slug: flooded.slug, visitorId: visitor() })));
      expect([res.status, res.body]).toEqual([202, { accepted: 500 }]);
      expect((await flooder.post('/views', { slug: flooded.slug, visitorId: visitor() })).status).toBe(202);
    }
    // the same address reading another article is counted there on its own budget
    for (let i = 0; i < 3; i++) expect((await flooder.post('/views', { slug: read.slug, visitorId: visitor() })).status).toBe(202);
    // eight real readers, each from an address of their own
    for (let i = 0; i < 8; i++) expect((await from(`203.0.113.${i + 1}`).post('/views', { slug: read.slug })).status).toBe(202);

    await eventually(async () => (await views(read.slug)) === 11, { timeoutMs: 3000, what: 'the real readers to be counted' });
    await sleep(1500);
    expect(await views(flooded.slug)).toBe(CAP);
    const popular = (await newsroom.api.get('/articles/popular?window=24h')).body as { id: string; windowViews: number }[];
    expect(popular.slice(0, 2).map((i) => [i.id, i.windowViews])).toEqual([
      [read.id, 11],
      [flooded.id, CAP],
    ]);
  });

  it('caps one real address however many X-Forwarded-For values it makes up', async () => {
    const flooded = await insertArticle({ authorId: reporter.id, status: 'published' });
    // not a trusted proxy: its forwarding headers are ignored, it is one client
    const direct = newsroom.api.from('127.0.0.5').withHeaders({ 'user-agent': BROWSER_USER_AGENT });
    const forged = ['203.0.113.50', '203.0.113.51', '203.0.113.52', '203.0.113.53'];
    for (let i = 0; i < 40; i++) {
      const res = await direct.withHeaders({ 'x-forwarded-for': forged[i % forged.length] }).post('/views/batch', Array.from({ length: 50 }, () => ({ slug: flooded.slug, visitorId: visitor() })));
      expect(res.status).toBe(202);
    }
    await sleep(2500);
    expect(await views(flooded.slug)).toBe(CAP);
  });
});
