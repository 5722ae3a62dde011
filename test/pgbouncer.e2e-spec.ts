import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  approvedThroughReview,
  createStaff,
  DIST,
  ensureRubric,
  eventually,
  NewsroomProcesses,
  PgBouncerProcess,
  queryTestDatabase,
  resetDatabase,
  ROOT,
  Staff,
  testDatabaseUrl,
} from '@newsroom/testing';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/**
 * Every app's DATABASE_URL through a real PgBouncer in transaction mode (a
 * server connection per transaction, never per session), PostgreSQL itself
 * only in DATABASE_DIRECT_URL: the whole workflow runs, and a PgBouncer
 * restarted in the middle of publishing and counting loses and doubles
 * nothing, the apps recovering without a restart of their own.
 */
describe('PgBouncer in transaction mode in front of every app', () => {
  let bouncer: PgBouncerProcess;
  let newsroom: NewsroomProcesses;
  let reporter: Staff;
  let editor: Staff;
  let scheduler: Staff;
  const database = new URL(testDatabaseUrl()).pathname.slice(1);

  const approvedDraft = (headline: string) => approvedThroughReview(reporter, editor, headline);
  const publishedEvents = async (id: string) =>
    (await queryTestDatabase<{ n: number }>(`select count(*)::int as n from article_events where article_id = $1 and type = 'published'`, [id]))[0].n;
  const countedViews = async (slug: string) => (await newsroom.api.get(`/articles/${slug}`)).body.views as number;

  beforeAll(async () => {
    await resetDatabase();
    bouncer = await PgBouncerProcess.start({ serverUrl: testDatabaseUrl() });
    newsroom = await NewsroomProcesses.start({
      env: { DATABASE_URL: bouncer.url(database), DATABASE_DIRECT_URL: testDatabaseUrl() },
    });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    editor = await createStaff(admin, ['editor'], 'Redaktur Dunia');
    scheduler = await createStaff(admin, ['scheduler'], 'Penjadwal Pagi');
  });
  afterAll(async () => {
    await newsroom?.stop();
    await bouncer?.stop();
  });

  it('runs drafts, review, publishing, view counting and the readers\' pages through it', async () => {
    const { id, slug } = await approvedDraft('Pakta pertahanan berlaku lewat PgBouncer');
    const scheduled = await scheduler.api.post(`/articles/${id}/schedule`, { publishAt: new Date(Date.now() + 1500).toISOString() });
    expect(scheduled.status).toBe(200);
    await eventually(async () => (await newsroom.api.get(`/articles/${slug}`)).status === 200, { timeoutMs: 10_000, what: 'the article to go live' });

    const browser = newsroom.api.withHeaders({ 'user-agent': BROWSER });
    for (const visitorId of ['pembaca-1', 'pembaca-2', 'pembaca-1']) expect((await browser.post('/views', { slug, visitorId })).status).toBe(202);
    await eventually(async () => (await countedViews(slug)) === 2, { timeoutMs: 5000, what: 'two counted views' });

    const page = await browser.get(`/berita/${slug}`);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('Pakta pertahanan berlaku lewat PgBouncer');
    expect((await browser.get('/')).status).toBe(200);
    expect((await newsroom.api.get('/articles/latest')).body[0].slug).toBe(slug);
    expect(await publishedEvents(id)).toBe(1);
    // the apps' connections really went through the pooler
    expect(bouncer.logs()).toMatch(new RegExp(`login attempt: db=${database} user=postgres`));
  });

  it('migrates through DATABASE_DIRECT_URL, never through the pooler', () => {
    // the pooled URL points nowhere: only the direct one can have answered
    const out = execFileSync(process.execPath, [join(DIST, 'tools/migrate.js')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', DATABASE_DIRECT_URL: testDatabaseUrl() },
      encoding: 'utf8',
    });
    expect(out).toContain('database schema is up to date');
  });

  it('survives PgBouncer restarted while an article is due and views arrive: one publish, every view counted once', async () => {
    const { id, slug } = await approvedDraft('Terbit saat PgBouncer dimulai ulang');
    const publishAt = new Date(Date.now() + 1000);
    expect((await scheduler.api.post(`/articles/${id}/schedule`, { publishAt: publishAt.toISOString() })).status).toBe(200);
    const before = await eventually(async () => {
      const live = await newsroom.api.get(`/articles/${slug}`);
      return live.status === 200 ? live.body : undefined;
    }, { timeoutMs: 10_000, intervalMs: 50, what: 'the article to go live' });
    expect(before.views).toBe(0);

    const browser = newsroom.api.withHeaders({ 'user-agent': BROWSER });
    const send = async (visitors: string[]) => {
      for (const visitorId of visitors) expect((await browser.post('/views', { slug, visitorId })).status).toBe(202);
    };
    await send(['a-1', 'a-2', 'a-3']);
    await eventually(async () => (await countedViews(slug)) === 3, { timeoutMs: 5000, what: 'three counted views' });

    // Down for two seconds: the views service's flushes, the publisher's sweeps and the site's reads meet a dead pooler.
    const second = await approvedDraft('Dijadwalkan tepat saat PgBouncer mati');
    const dueWhileDown = new Date(Date.now() + 800);
    expect((await scheduler.api.post(`/articles/${second.id}/schedule`, { publishAt: dueWhileDown.toISOString() })).status).toBe(200);
    await send(['b-1', 'b-2']);
    await bouncer.restart({ downMs: 2000 });
    await send(['c-1', 'c-2', 'a-1']);

    // Every view counted exactly once (a-1 repeats: a duplicate), the due article live exactly once.
    await eventually(async () => (await countedViews(slug)) === 7, { timeoutMs: 15_000, what: 'seven counted views after the restart' });
    await eventually(async () => (await newsroom.api.get(`/articles/${second.slug}`)).status === 200, { timeoutMs: 15_000, what: 'the article due while the pooler was down to go live' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await countedViews(slug)).toBe(7);
    expect(await publishedEvents(id)).toBe(1);
    expect(await publishedEvents(second.id)).toBe(1);
    const total = await queryTestDatabase<{ views: string }>(`select views::text from article_view_totals where article_id = $1`, [id]);
    expect(Number(total[0].views)).toBe(7);

    // Staff and readers work again without any app restarted.
    expect((await reporter.api.get(`/drafts/${id}`)).status).toBe(200);
    expect((await browser.get(`/berita/${second.slug}`)).status).toBe(200);
    for (const key of ['gateway', 'drafts', 'review', 'publisher', 'views']) expect(newsroom.isRunning(key)).toBe(true);
    // what the apps said while the pooler was away: one clear line, not silence
    const said = ['views', 'publisher'].map((key) => newsroom.logs(key)).join('\n');
    expect(said).toContain('PostgreSQL connection lost (Connection ended unexpectedly)');
  });
});
