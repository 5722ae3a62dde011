import { JobName, PAYLOAD_SCHEMA_VERSION, QueueName } from '@newsroom/contracts';
import {
  ApiClient,
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  sleep,
  Staff,
} from '@newsroom/testing';

/**
 * Scheduling and publishing against the real gateway and publisher processes:
 * on time, exactly once, and still so when Redis loses everything, when no
 * publisher runs at the due moment, and when two publishers race.
 */
describe('scheduled publishing (gateway and publisher processes, real Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let editor: Staff;
  let scheduler: Staff;

  interface ArticleRow {
    status: string;
    version: number;
    scheduled_for: Date | null;
    published_at: Date | null;
    updated_at: Date;
  }

  const approvedArticle = async (options: { embargoUntil?: Date } = {}) =>
    (await insertArticle({ authorId: reporter.id, status: 'approved', embargoUntil: options.embargoUntil ?? null })).id;
  const publishedArticle = async () => (await insertArticle({ authorId: reporter.id, status: 'published' })).id;
  const row = async (id: string) =>
    (await queryTestDatabase<ArticleRow>(`select status, version, scheduled_for, published_at, updated_at from articles where id = $1`, [id]))[0];
  const history = (id: string) =>
    queryTestDatabase<{ type: string; actor_id: string | null; from_status: string; to_status: string; comment: string | null; data: Record<string, unknown> | null; version: number }>(
      `select type, actor_id, from_status, to_status, comment, data, version from article_events where article_id = $1 order by id`,
      [id],
    );
  const publishedEvents = async (ids: string[]) =>
    (
      await queryTestDatabase<{ n: number }>(`select count(*)::int as n from article_events where type = 'published' and article_id = any($1::uuid[])`, [ids])
    )[0].n;
  const outboxTypes = async (id: string) =>
    (await queryTestDatabase<{ type: string }>(`select type from outbox_events where article_id = $1 order by occurred_at`, [id])).map((r) => r.type);
  const inMs = (ms: number) => new Date(Date.now() + ms);
  const schedule = (api: ApiClient, id: string, publishAt: string) => api.post(`/articles/${id}/schedule`, { publishAt });
  const waitUntilLive = (id: string, timeoutMs = 15_000) =>
    eventually(async () => {
      const r = await row(id);
      return r.status === 'published' ? r : null;
    }, { timeoutMs, intervalMs: 50, what: `article ${id} to go live` });
  const lateness = (r: ArticleRow) => r.published_at!.getTime() - r.scheduled_for!.getTime();

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'publisher'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin);
    [reporter, editor, scheduler] = await Promise.all([
      createStaff(admin, ['reporter']),
      createStaff(admin, ['editor']),
      createStaff(admin, ['scheduler']),
    ]);
  });
  afterAll(() => newsroom?.stop());

  it('publishes a scheduled article within a second of its slot, exactly once', async () => {
    const id = await approvedArticle();
    const publishAt = inMs(2500);
    const res = await schedule(scheduler.api, id, publishAt.toISOString());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'scheduled', scheduledFor: publishAt.toISOString(), version: 4, publishedAt: null });

    expect((await row(id)).status).toBe('scheduled');
    const live = await waitUntilLive(id);
    expect(lateness(live)).toBeGreaterThanOrEqual(0);
    expect(lateness(live)).toBeLessThan(1000);
    expect(live.version).toBe(5);

    // Reconciliation runs every few seconds; it must not publish again.
    await sleep(5500);
    const events = await history(id);
    expect(events.map((e) => e.type)).toEqual(['scheduled', 'published']);
    expect(events[0]).toMatchObject({ actor_id: scheduler.id, from_status: 'approved', to_status: 'scheduled', data: { scheduledFor: publishAt.toISOString() }, version: 4 });
    expect(events[1]).toMatchObject({ actor_id: null, from_status: 'scheduled', to_status: 'published', version: 5 });
    expect(await outboxTypes(id)).toEqual(['article.scheduled', 'article.published']);
  });

  it('puts a publish job that fires early (a producer clock running ahead) back to sleep until the slot', async () => {
    const id = await approvedArticle();
    const slot = inMs(3000);
    const res = await schedule(scheduler.api, id, slot.toISOString());
    expect(res.status).toBe(200);
    const queue = newsroom.queue(QueueName.Publishing);
    try {
      const early = await queue.add(
        JobName.PublishArticle,
        { schema: PAYLOAD_SCHEMA_VERSION, articleId: id, version: res.body.version, scheduledFor: res.body.scheduledFor },
        { jobId: `early-${id}` },
      );
      await eventually(async () => (await queue.getJobState(early.id!)) === 'delayed', { what: 'the early job to go back to delayed' });
      expect((await row(id)).status).toBe('scheduled');
      const live = await waitUntilLive(id);
      expect(lateness(live)).toBeGreaterThanOrEqual(0);
      expect(lateness(live)).toBeLessThan(1000);
      await eventually(async () => (await queue.getJobState(early.id!)) === 'completed', { what: 'the early job to finish' });
      expect(await publishedEvents([id])).toBe(1);
    } finally {
      await queue.close();
    }
  });

  it('reads a local time in the newsroom zone (WIB) and accepts an editor as well', async () => {
    const id = await approvedArticle();
    const res = await schedule(editor.api, id, '2030-01-01 10:00');
    expect(res.status).toBe(200);
    expect(res.body.scheduledFor).toBe('2030-01-01T03:00:00.000Z');
  });

  it('refuses a time in the past or before the embargo with 422, and unreadable input with 400, changing nothing', async () => {
    const id = await approvedArticle({ embargoUntil: inMs(3600_000) });
    const past = await schedule(scheduler.api, id, new Date(Date.now() - 60_000).toISOString());
    expect(past.status).toBe(422);
    expect(past.body).toMatchObject({ statusCode: 422, code: 'SCHEDULE.IN_PAST' });
    const beforeEmbargo = await schedule(scheduler.api, id, inMs(1800_000).toISOString());
    expect(beforeEmbargo.status).toBe(422);
    expect(beforeEmbargo.body.code).toBe('SCHEDULE.BEFORE_EMBARGO');
    const publishNow = await scheduler.api.post(`/articles/${id}/publish`);
    expect(publishNow.status).toBe(422);
    expect(publishNow.body.code).toBe('ARTICLE.EMBARGOED');
    for (const body of [{ publishAt: 'besok pagi' }, { publishAt: '2030-02-30 10:00' }, {}, { publishAt: 5 }, { publishAt: '2030-01-01 10:00', extra: 1 }]) {
      expect((await scheduler.api.post(`/articles/${id}/schedule`, body)).status).toBe(400);
    }
    expect((await row(id)).status).toBe('approved');
    expect((await row(id)).version).toBe(3);
    expect(await history(id)).toEqual([]);

    const afterEmbargo = await schedule(scheduler.api, id, inMs(7200_000).toISOString());
    expect(afterEmbargo.status).toBe(200);
  });

  it('schedules only approved or scheduled articles, and 404s what does not exist', async () => {
    const published = await publishedArticle();
    expect((await schedule(scheduler.api, published, inMs(60_000).toISOString())).status).toBe(422);
    expect((await schedule(scheduler.api, '6f1d2c1e-0000-4000-8000-000000000000', inMs(60_000).toISOString())).status).toBe(404);
    expect((await schedule(scheduler.api, 'not-an-id', inMs(60_000).toISOString())).status).toBe(404);
  });

  it('keeps a rescheduled article offline at its old slot and publishes it at the new one', async () => {
    const id = await approvedArticle();
    const first = inMs(2000);
    expect((await schedule(scheduler.api, id, first.toISOString())).status).toBe(200);
    const second = inMs(5000);
    const moved = await schedule(scheduler.api, id, second.toISOString());
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'scheduled', scheduledFor: second.toISOString(), version: 5 });

    await sleep(Math.max(0, first.getTime() + 1500 - Date.now()));
    expect((await row(id)).status).toBe('scheduled');
    const live = await waitUntilLive(id);
    expect(live.scheduled_for!.toISOString()).toBe(second.toISOString());
    expect(lateness(live)).toBeLessThan(1000);
    expect((await history(id)).map((e) => e.type)).toEqual(['scheduled', 'scheduled', 'published']);
  });

  it('keeps an unscheduled article offline, back in approved', async () => {
    const id = await approvedArticle();
    const slot = inMs(1500);
    expect((await schedule(scheduler.api, id, slot.toISOString())).status).toBe(200);
    const res = await scheduler.api.delete(`/articles/${id}/schedule`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', scheduledFor: null, version: 5 });
    expect((await scheduler.api.delete(`/articles/${id}/schedule`)).status).toBe(422);

    await sleep(Math.max(0, slot.getTime() + 1500 - Date.now()));
    expect((await row(id)).status).toBe('approved');
    const events = await history(id);
    expect(events.map((e) => e.type)).toEqual(['scheduled', 'unscheduled']);
    expect(events[1]).toMatchObject({ from_status: 'scheduled', to_status: 'approved', actor_id: scheduler.id });
  });

  it('publishes now from approved or scheduled, by the database clock, and only once', async () => {
    const approved = await approvedArticle();
    const before = Date.now();
    const res = await scheduler.api.post(`/articles/${approved}/publish`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', version: 4, scheduledFor: null });
    expect(Math.abs(Date.parse(res.body.publishedAt) - before)).toBeLessThan(2000);
    expect((await scheduler.api.post(`/articles/${approved}/publish`)).status).toBe(422);
    const events = await history(approved);
    expect(events).toEqual([expect.objectContaining({ type: 'published', actor_id: scheduler.id, from_status: 'approved', to_status: 'published' })]);

    // A scheduled one published by hand loses its slot; the slot's job then does nothing.
    const scheduled = await approvedArticle();
    const slot = inMs(1500);
    expect((await schedule(editor.api, scheduled, slot.toISOString())).status).toBe(200);
    expect((await editor.api.post(`/articles/${scheduled}/publish`, { version: 4 })).status).toBe(200);
    await sleep(Math.max(0, slot.getTime() + 1500 - Date.now()));
    expect(await publishedEvents([scheduled])).toBe(1);
  });

  it('unpublishes a published article with a reason; without one it is a 400', async () => {
    const id = await publishedArticle();
    expect((await scheduler.api.post(`/articles/${id}/unpublish`, {})).status).toBe(400);
    expect((await scheduler.api.post(`/articles/${id}/unpublish`, { reason: '   ' })).status).toBe(400);
    const res = await scheduler.api.post(`/articles/${id}/unpublish`, { reason: 'Narasumber mencabut pernyataannya.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'unpublished', version: 4 });
    expect((await scheduler.api.post(`/articles/${id}/unpublish`, { reason: 'lagi' })).status).toBe(422);
    expect(await history(id)).toEqual([
      expect.objectContaining({ type: 'unpublished', from_status: 'published', to_status: 'unpublished', comment: 'Narasumber mencabut pernyataannya.' }),
    ]);
    expect((await scheduler.api.post(`/articles/${await approvedArticle()}/unpublish`, { reason: 'belum tayang' })).status).toBe(422);
  });

  it('corrects a published article in place with a note readers see; stale versions and other statuses are refused', async () => {
    const id = await publishedArticle();
    const before = await row(id);
    expect((await editor.api.post(`/articles/${id}/corrections`, { version: 2, note: 'Nama diperbaiki.' })).status).toBe(409);
    expect((await editor.api.post(`/articles/${id}/corrections`, { version: 3 })).status).toBe(400);
    expect((await editor.api.post(`/articles/${id}/corrections`, { version: 3, note: 'x', headline: '' })).status).toBe(400);
    expect((await row(id)).version).toBe(3);

    const fixed = await editor.api.post(`/articles/${id}/corrections`, {
      version: 3,
      note: 'Versi sebelumnya keliru menyebut hari berlakunya pakta.',
      lead: 'Pakta itu berlaku pada Rabu, bukan Selasa.',
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'published', version: 4, lead: 'Pakta itu berlaku pada Rabu, bukan Selasa.' });
    expect(fixed.body.corrections).toEqual([{ at: expect.any(String), note: 'Versi sebelumnya keliru menyebut hari berlakunya pakta.' }]);
    expect(Date.parse(fixed.body.updatedAt)).toBeGreaterThan(before.updated_at.getTime());
    expect(fixed.body.publishedAt).toBe(before.published_at!.toISOString());

    // A note alone still moves the version; only a content change writes a revision.
    const noteOnly = await editor.api.post(`/articles/${id}/corrections`, { version: 4, note: 'Keterangan foto dilengkapi.' });
    expect(noteOnly.status).toBe(200);
    expect(noteOnly.body.version).toBe(5);
    expect(noteOnly.body.corrections.map((c: { note: string }) => c.note)).toEqual([
      'Versi sebelumnya keliru menyebut hari berlakunya pakta.',
      'Keterangan foto dilengkapi.',
    ]);
    const revisions = await queryTestDatabase<{ version: number }>(`select version from article_revisions where article_id = $1 order by version`, [id]);
    expect(revisions.map((r) => r.version)).toEqual([1, 4]);
    const events = await history(id);
    expect(events.map((e) => [e.type, e.comment])).toEqual([
      ['corrected', 'Versi sebelumnya keliru menyebut hari berlakunya pakta.'],
      ['corrected', 'Keterangan foto dilengkapi.'],
    ]);
    expect(await outboxTypes(id)).toEqual(['article.corrected', 'article.corrected']);

    const approved = await approvedArticle();
    expect((await editor.api.post(`/articles/${approved}/corrections`, { version: 3, note: 'Belum tayang.' })).status).toBe(422);
  });

  it('lists the calendar in slot order, within from/to, limited', async () => {
    const slots = ['2031-03-03 09:00', '2031-03-01 09:00', '2031-03-02 09:00', '2031-04-01 09:00'];
    const ids: string[] = [];
    for (const slot of slots) {
      const id = await approvedArticle();
      expect((await schedule(scheduler.api, id, slot)).status).toBe(200);
      ids.push(id);
    }
    const march = await scheduler.api.get(`/schedule?from=${encodeURIComponent('2031-03-01 00:00')}&to=${encodeURIComponent('2031-04-01 00:00')}`);
    expect(march.status).toBe(200);
    expect(march.body.map((a: { id: string }) => a.id)).toEqual([ids[1], ids[2], ids[0]]);
    expect(march.body.map((a: { scheduledFor: string }) => a.scheduledFor)).toEqual(['2031-03-01T02:00:00.000Z', '2031-03-02T02:00:00.000Z', '2031-03-03T02:00:00.000Z']);
    expect(march.body[0]).toMatchObject({ status: 'scheduled', rubric: { slug: 'dunia' }, author: { id: reporter.id } });

    const fromOnly = await editor.api.get(`/schedule?from=${encodeURIComponent('2031-03-02T09:00:00+07:00')}&limit=2`);
    expect(fromOnly.body.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[0]]);
    const everything = await scheduler.api.get('/schedule');
    const times = everything.body.map((a: { scheduledFor: string }) => Date.parse(a.scheduledFor));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(everything.body.every((a: { status: string }) => a.status === 'scheduled')).toBe(true);

    expect((await scheduler.api.get('/schedule?from=kemarin')).status).toBe(400);
    expect((await scheduler.api.get('/schedule?limit=0')).status).toBe(400);
    expect((await scheduler.api.get('/schedule?limit=abc')).status).toBe(400);
  });

  it('opens publishing to schedulers and editors only, corrections to editors only', async () => {
    const approved = await approvedArticle();
    const published = await publishedArticle();
    const anonymous = newsroom.api;
    const calls: [string, (api: ApiClient) => Promise<{ status: number }>][] = [
      ['schedule', (api) => schedule(api, approved, inMs(3600_000).toISOString())],
      ['unschedule', (api) => api.delete(`/articles/${approved}/schedule`)],
      ['publish', (api) => api.post(`/articles/${approved}/publish`)],
      ['unpublish', (api) => api.post(`/articles/${published}/unpublish`, { reason: 'x' })],
      ['corrections', (api) => api.post(`/articles/${published}/corrections`, { version: 3, note: 'x' })],
      ['calendar', (api) => api.get('/schedule')],
    ];
    for (const [name, call] of calls) {
      expect([name, (await call(anonymous)).status]).toEqual([name, 401]);
      expect([name, (await call(reporter.api)).status]).toEqual([name, 403]);
      expect([name, (await call(admin)).status]).toEqual([name, 403]);
    }
    expect((await scheduler.api.post(`/articles/${published}/corrections`, { version: 3, note: 'x' })).status).toBe(403);
    const docs = await newsroom.api.get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/articles/{id}/schedule', '/articles/{id}/publish', '/articles/{id}/unpublish', '/articles/{id}/corrections', '/schedule']),
    );
    expect((await row(approved)).status).toBe('approved');
    expect((await row(published)).status).toBe('published');
  });

  it('still publishes every scheduled article, once, after Redis lost all its data and the publisher restarted', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => approvedArticle()));
    // far enough out for the restart to finish first (a publisher takes 2 to 6 s to start while another suite runs)
    const slots = [inMs(9000), inMs(10_000), inMs(11_000)];
    for (const [i, id] of ids.entries()) expect((await schedule(scheduler.api, id, slots[i].toISOString())).status).toBe(200);
    await sleep(300); // the gateway relays the delayed jobs right after its commit

    await newsroom.flushRedisPrefix();
    await newsroom.stopApp('publisher');
    await newsroom.startApp('publisher');

    for (const id of ids) {
      const live = await waitUntilLive(id);
      expect(lateness(live)).toBeLessThan(1000);
    }
    await sleep(1000);
    expect(await publishedEvents(ids)).toBe(3);
  });

  it('publishes what fell due while no publisher ran, as soon as one starts', async () => {
    await newsroom.stopApp('publisher');
    const id = await approvedArticle();
    expect((await schedule(scheduler.api, id, inMs(1000).toISOString())).status).toBe(200);
    await sleep(2500);
    expect((await row(id)).status).toBe('scheduled');

    const started = Date.now();
    await newsroom.startApp('publisher');
    const live = await waitUntilLive(id);
    expect(live.published_at!.getTime() - started).toBeLessThan(5000);
    await sleep(1000);
    expect(await publishedEvents([id])).toBe(1);
  });

  it('publishes each of 20 due articles exactly once when two publishers race for them', async () => {
    await newsroom.stopApp('publisher');
    const ids = await Promise.all(Array.from({ length: 20 }, () => approvedArticle()));
    const slot = inMs(1500);
    await Promise.all(ids.map(async (id) => expect((await schedule(scheduler.api, id, slot.toISOString())).status).toBe(200)));
    await sleep(Math.max(0, slot.getTime() + 500 - Date.now()));

    const replica = await Promise.all([newsroom.startApp('publisher'), newsroom.startReplica('publisher')]).then(([, key]) => key);
    await Promise.all(ids.map((id) => waitUntilLive(id)));
    await sleep(6000); // a reconciliation round on each replica, after the jobs
    const counts = await queryTestDatabase<{ article_id: string; n: number }>(
      `select article_id, count(*)::int as n from article_events where type = 'published' and article_id = any($1::uuid[]) group by article_id`,
      [ids],
    );
    expect(counts).toHaveLength(20);
    expect(counts.every((c) => c.n === 1)).toBe(true);
    const outbox = await queryTestDatabase<{ n: number }>(`select count(*)::int as n from outbox_events where type = 'article.published' and article_id = any($1::uuid[])`, [ids]);
    expect(outbox[0].n).toBe(20);
    await newsroom.stopApp(replica);
  });
});
