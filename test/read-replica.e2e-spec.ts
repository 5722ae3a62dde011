import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  approvedThroughReview,
  createStaff,
  DIST,
  ensureRubric,
  eventually,
  NewsroomProcesses,
  PostgresReplicaPair,
  ROOT,
  sleep,
  Staff,
} from '@newsroom/testing';

/** The site's JSON with view counts is kept this long: a read after it is a fresh read from the database. */
const COUNTS_TTL_MS = 600;

/**
 * The readers' reads on a real streaming replica (a throwaway primary and
 * its pg_basebackup copy): public JSON and pages come from the replica,
 * staff read the primary; a replica that lags or is down sends public reads
 * to the primary, and the site's /health says which.
 */
describe('a streaming read replica for the readers\' reads', () => {
  const database = 'newsroom_test_pg_replica';
  let pair: PostgresReplicaPair;
  let newsroom: NewsroomProcesses;
  let reporter: Staff;
  let editor: Staff;
  let scheduler: Staff;

  const publish = async (headline: string) => {
    const { id, slug } = await approvedThroughReview(reporter, editor, headline);
    expect((await scheduler.api.post(`/articles/${id}/schedule`, { publishAt: new Date(Date.now() + 500).toISOString() })).status).toBe(200);
    return { id, slug };
  };
  const replicaState = async () => (await newsroom.api.get('/health')).body.database?.replica as string;
  const publicHeadline = async (slug: string) => (await newsroom.api.get(`/articles/${slug}`)).body.headline as string;

  beforeAll(async () => {
    pair = await PostgresReplicaPair.start();
    await pair.createDatabase(database);
    execFileSync(process.execPath, [join(DIST, 'tools/migrate.js')], { cwd: ROOT, env: { ...process.env, DATABASE_URL: pair.primaryUrl(database), NODE_ENV: 'test' }, stdio: 'pipe' });
    newsroom = await NewsroomProcesses.start({
      apps: ['gateway', 'drafts', 'review', 'publisher'],
      env: { DATABASE_URL: pair.primaryUrl(database), DATABASE_DIRECT_URL: pair.primaryUrl(database), DATABASE_REPLICA_URLS: pair.replicaUrl(database), DATABASE_REPLICA_MAX_LAG_MS: '2000' },
    });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    editor = await createStaff(admin, ['editor'], 'Redaktur Dunia');
    scheduler = await createStaff(admin, ['scheduler'], 'Penjadwal Pagi');
  }, 60_000);
  afterAll(async () => {
    await newsroom?.stop();
    await pair?.stop();
  });

  it('reads public JSON from the replica and staff from the primary; a lagging replica sends public reads to the primary', async () => {
    const { id, slug } = await publish('Dibaca dari replika');
    await eventually(async () => (await newsroom.api.get(`/articles/${slug}`)).status === 200, { timeoutMs: 10_000, what: 'the article to go live' });
    await eventually(async () => (await replicaState()) === 'up', { what: 'the replica to be up' });
    expect((await newsroom.api.get('/rubrics')).body).toEqual([{ slug: 'dunia', name: 'Dunia' }]);

    // The replica stops applying what it receives; the primary gets a change no one announces.
    await pair.pauseReplay();
    await pair.query(database, `update articles set headline = 'Judul baru di primer' where id = $1`, [id]);
    await sleep(COUNTS_TTL_MS);
    // readers still get the replica's copy (within the allowed lag) ...
    expect(await publicHeadline(slug)).toBe('Dibaca dari replika');
    // ... while the staff read the primary: their own writes at once
    expect((await reporter.api.get(`/drafts/${id}`)).body.headline).toBe('Judul baru di primer');

    // Past the allowed lag the site says so and reads the primary.
    await eventually(async () => (await replicaState()) === 'lagging', { timeoutMs: 6000, what: '/health to say the replica lags' });
    expect((await newsroom.api.get('/health')).body.database.replicaLagMs).toBeGreaterThanOrEqual(2000);
    await sleep(COUNTS_TTL_MS);
    expect(await publicHeadline(slug)).toBe('Judul baru di primer');

    // An article published meanwhile is on the readers' side at once (announced changes read the primary).
    const fresh = await publish('Terbit saat replika tertinggal');
    await eventually(async () => (await newsroom.api.get(`/articles/${fresh.slug}`)).status === 200, { timeoutMs: 10_000, what: 'the new article to be public' });

    await pair.resumeReplay();
    await eventually(async () => (await replicaState()) === 'up', { timeoutMs: 6000, what: 'the replica to catch up' });
    expect(await publicHeadline(slug)).toBe('Judul baru di primer');
    expect(newsroom.logs('gateway')).toMatch(/read replica lagging: it is more than 2000 ms behind the primary; public reads go to the primary/);
  });

  it('goes on reading the primary while the replica is down, says so on /health, and returns to it', async () => {
    await eventually(async () => (await replicaState()) === 'up', { what: 'the replica to be up' });
    pair.stopReplica();
    // every public read answers, the first ones too (a read the replica fails is read again from the primary)
    for (let i = 0; i < 5; i++) {
      expect((await newsroom.api.get('/articles/latest')).status).toBe(200);
      expect((await newsroom.api.get('/')).status).toBe(200);
      await sleep(COUNTS_TTL_MS / 2);
    }
    await eventually(async () => (await replicaState()) === 'down', { timeoutMs: 5000, what: '/health to say the replica is down' });
    expect((await newsroom.api.get('/health')).status).toBe(200);
    pair.startReplica();
    await eventually(async () => (await replicaState()) === 'up', { timeoutMs: 10_000, what: 'the replica to be back' });
    expect((await newsroom.api.get('/articles/latest')).status).toBe(200);
    expect(newsroom.logs('gateway')).toMatch(/read replica down: /);
  });
});
