import {
  ApiClient,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  SseClient,
} from '@newsroom/testing';
import { randomBytes } from 'node:crypto';

/** A user whose token the test knows (SSE clients and a second gateway need it raw). */
interface Person {
  id: string;
  name: string;
  token: string;
  api: ApiClient;
}

async function hire(newsroom: NewsroomProcesses, admin: ApiClient, roles: string[], name: string): Promise<Person> {
  const email = `${roles.join('-')}-${randomBytes(4).toString('hex')}@newsroom.test`;
  const password = `rahasia-${randomBytes(4).toString('hex')}`;
  const created = await admin.post('/users', { email, name, password, roles });
  if (created.status !== 201) throw new Error(`creating ${email} failed: ${created.status} ${created.text}`);
  const login = await newsroom.api.post('/auth/login', { email, password });
  return { id: created.body.id, name, token: login.body.accessToken, api: newsroom.api.as(login.body.accessToken) };
}

const ids = (items: { article: { id: string } }[]) => items.map((i) => i.article.id);

async function claimRow(articleId: string) {
  return (await queryTestDatabase<{ editor_id: string }>(`select editor_id from review_claims where article_id = $1`, [articleId]))[0];
}
async function articleRow(articleId: string) {
  return (await queryTestDatabase<{ status: string; version: number; approved_version: number | null; approved_by_id: string | null }>(
    `select status, version, approved_version, approved_by_id from articles where id = $1`,
    [articleId],
  ))[0];
}
async function historyOf(articleId: string) {
  return queryTestDatabase<{ type: string; actor_id: string | null; version: number; comment: string | null; from_status: string; to_status: string }>(
    `select type, actor_id, version, comment, from_status, to_status from article_events where article_id = $1 order by id`,
    [articleId],
  );
}

describe('the review desk (gateway and review processes)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Person;
  let editorA: Person;
  let editorB: Person;
  let writingEditor: Person;
  let scheduler: Person;

  const inReview = (options: { priority?: 'normal' | 'breaking'; submittedAt?: Date; rubricSlug?: string; authorId?: string } = {}) =>
    insertArticle({ authorId: options.authorId ?? reporter.id, status: 'in_review', ...options });

  beforeAll(async () => {
    await resetDatabase();
    // Articles are put into review straight in the database, so the drafts service is not needed here.
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'review'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    await ensureRubric(admin, 'olahraga', 'Olahraga');
    reporter = await hire(newsroom, admin, ['reporter'], 'Hani Fatunnisa');
    editorA = await hire(newsroom, admin, ['editor'], 'Redaktur Satu');
    editorB = await hire(newsroom, admin, ['editor'], 'Redaktur Dua');
    writingEditor = await hire(newsroom, admin, ['reporter', 'editor'], 'Redaktur Penulis');
    scheduler = await hire(newsroom, admin, ['scheduler'], 'Penjadwal Pagi');
  });
  afterAll(() => newsroom?.stop());

  describe('the queue', () => {
    it('lists every article in review, breaking first, then oldest submission first, in the contract shape', async () => {
      const now = Date.now();
      const recent = await inReview({ submittedAt: new Date(now - 10 * 60_000) });
      const oldest = await inReview({ submittedAt: new Date(now - 30 * 60_000) });
      const breaking = await inReview({ priority: 'breaking', submittedAt: new Date(now - 60_000), rubricSlug: 'olahraga' });
      const draft = await insertArticle({ authorId: reporter.id, status: 'draft' });
      const approved = await insertArticle({ authorId: reporter.id, status: 'approved' });

      const res = await editorA.api.get('/review-queue');
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual([breaking.id, oldest.id, recent.id]);
      expect(ids(res.body)).not.toEqual(expect.arrayContaining([draft.id, approved.id]));
      expect(res.body[0]).toEqual({
        article: {
          id: breaking.id,
          headline: expect.any(String),
          rubric: { slug: 'olahraga', name: 'Olahraga' },
          author: { id: reporter.id, name: 'Hani Fatunnisa' },
          authors: [{ id: reporter.id, name: 'Hani Fatunnisa' }],
          priority: 'breaking',
          version: breaking.version,
        },
        submittedAt: new Date(now - 60_000).toISOString(),
        claimedBy: null,
        claimExpiresAt: null,
        actionable: true,
      });
    });

    it('filters by rubric and pages by limit; a bad query is a 400', async () => {
      const all = ids((await editorA.api.get('/review-queue')).body);
      const sports = await editorA.api.get('/review-queue?rubric=olahraga');
      expect(sports.status).toBe(200);
      expect(sports.body.length).toBeGreaterThan(0);
      expect(sports.body.every((i: { article: { rubric: { slug: string } } }) => i.article.rubric.slug === 'olahraga')).toBe(true);
      expect((await editorA.api.get('/review-queue?rubric=tidak-ada')).body).toEqual([]);
      expect(ids((await editorA.api.get('/review-queue?rubric=&limit=')).body)).toEqual(all);
      expect(ids((await editorA.api.get('/review-queue?limit=2')).body)).toEqual(all.slice(0, 2));
      for (const query of ['limit=0', 'limit=abc', 'limit=1000', 'sort=oldest']) {
        const bad = await editorA.api.get(`/review-queue?${query}`);
        expect(bad.status).toBe(400);
        expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      }
    });
  });

  describe('claims', () => {
    it('gives one editor the article; another gets 409 until it is released; the holder may extend it', async () => {
      const article = await inReview();
      const before = Date.now();
      const claimed = await editorA.api.post(`/review-queue/${article.id}/claim`);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({ article: { id: article.id, version: article.version }, claimedBy: { id: editorA.id, name: 'Redaktur Satu' } });
      const expiresAt = Date.parse(claimed.body.claimExpiresAt);
      expect(expiresAt).toBeGreaterThan(before + 890_000); // the default 15 minutes
      expect(expiresAt).toBeLessThan(Date.now() + 910_000);

      const taken = await editorB.api.post(`/review-queue/${article.id}/claim`);
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ statusCode: 409, code: 'REVIEW.CLAIMED' });
      expect((await editorB.api.post(`/review-queue/${article.id}/release`)).status).toBe(409);
      // Deciding needs no claim, but is refused while someone else holds one.
      expect((await editorB.api.post(`/review-queue/${article.id}/approve`, { version: article.version })).status).toBe(409);
      expect((await editorB.api.post(`/review-queue/${article.id}/reject`, { version: article.version, comment: 'Bukan berita.' })).status).toBe(409);
      expect((await articleRow(article.id)).status).toBe('in_review');

      const extended = await editorA.api.post(`/review-queue/${article.id}/claim`);
      expect(extended.status).toBe(200);
      expect(Date.parse(extended.body.claimExpiresAt)).toBeGreaterThanOrEqual(expiresAt);
      const listed = (await editorB.api.get('/review-queue')).body.find((i: { article: { id: string } }) => i.article.id === article.id);
      expect(listed).toMatchObject({ claimedBy: { id: editorA.id }, claimExpiresAt: extended.body.claimExpiresAt });

      const released = await editorA.api.post(`/review-queue/${article.id}/release`);
      expect(released.status).toBe(200);
      expect(released.body).toMatchObject({ article: { id: article.id }, claimedBy: null, claimExpiresAt: null });
      // Nothing left to release: a no-op.
      expect((await editorA.api.post(`/review-queue/${article.id}/release`)).status).toBe(200);
      expect((await editorB.api.post(`/review-queue/${article.id}/claim`)).body.claimedBy).toEqual({ id: editorB.id, name: 'Redaktur Dua' });

      // Claims never bump the article's version; each step is in its history and outbox.
      expect((await articleRow(article.id)).version).toBe(article.version);
      const history = await historyOf(article.id);
      expect(history.map((e) => [e.type, e.actor_id, e.version])).toEqual([
        ['claimed', editorA.id, article.version],
        ['claimed', editorA.id, article.version],
        ['released', editorA.id, article.version],
        ['claimed', editorB.id, article.version],
      ]);
      const events = await queryTestDatabase<{ type: string; claim: { editorId: string; expiresAt: string } | null }>(
        `select type, payload->'claim' as claim from outbox_events where article_id = $1 order by occurred_at`,
        [article.id],
      );
      expect(events.map((e) => e.type)).toEqual(['review.claimed', 'review.claimed', 'review.released', 'review.claimed']);
      expect(events[0].claim).toEqual({ editorId: editorA.id, expiresAt: claimed.body.claimExpiresAt });
    });

    it('lets exactly one of two editors claiming at once have it', async () => {
      const article = await inReview();
      const results = await Promise.all([editorA, editorB].map((e) => e.api.post(`/review-queue/${article.id}/claim`)));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!.body.claimedBy.id;
      expect((await claimRow(article.id)).editor_id).toBe(winner);
    });

    it('answers 404 for an unknown article and 422 for one not in review', async () => {
      expect((await editorA.api.post('/review-queue/7d0f7e36-5d2b-4c39-9a53-3c1c2e7f0a11/claim')).status).toBe(404);
      expect((await editorA.api.post('/review-queue/not-an-id/claim')).status).toBe(404);
      const draft = await insertArticle({ authorId: reporter.id, status: 'draft' });
      const claim = await editorA.api.post(`/review-queue/${draft.id}/claim`);
      expect(claim.status).toBe(422);
      expect(await claimRow(draft.id)).toBeUndefined();
      expect((await editorA.api.post(`/review-queue/${draft.id}/release`)).status).toBe(422);
    });
  });

  describe('decisions', () => {
    it('never lets an editor approve what they wrote (403), and approves for another editor, binding the version', async () => {
      const own = await inReview({ authorId: writingEditor.id });
      const refused = await writingEditor.api.post(`/review-queue/${own.id}/approve`, { version: own.version });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ statusCode: 403, code: 'REVIEW.OWN_ARTICLE' });
      expect(await articleRow(own.id)).toMatchObject({ status: 'in_review', version: own.version, approved_version: null });

      expect((await editorA.api.post(`/review-queue/${own.id}/claim`)).status).toBe(200);
      const approved = await editorA.api.post(`/review-queue/${own.id}/approve`, { version: own.version, comment: 'Layak tayang.' });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ id: own.id, status: 'approved', version: own.version + 1, approvedVersion: own.version, author: { id: writingEditor.id } });
      expect(await articleRow(own.id)).toMatchObject({ status: 'approved', version: own.version + 1, approved_version: own.version, approved_by_id: editorA.id });
      expect(await claimRow(own.id)).toBeUndefined();
      expect((await historyOf(own.id)).at(-1)).toMatchObject({ type: 'approved', actor_id: editorA.id, from_status: 'in_review', to_status: 'approved', comment: 'Layak tayang.', version: own.version + 1 });
      expect(ids((await editorA.api.get('/review-queue')).body)).not.toContain(own.id);

      // Decided once: the old version is stale (409), the new one is not in review any more (422).
      expect((await editorB.api.post(`/review-queue/${own.id}/approve`, { version: own.version })).status).toBe(409);
      expect((await editorB.api.post(`/review-queue/${own.id}/approve`, { version: own.version + 1 })).status).toBe(422);
    });

    it('lets exactly one of two editors approving at once win; the other gets 409', async () => {
      const article = await inReview();
      const results = await Promise.all([editorA, editorB].map((e) => e.api.post(`/review-queue/${article.id}/approve`, { version: article.version })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!;
      expect(await articleRow(article.id)).toMatchObject({ status: 'approved', version: article.version + 1 });
      const approvals = (await historyOf(article.id)).filter((e) => e.type === 'approved');
      expect(approvals).toHaveLength(1);
      expect(approvals[0].actor_id).toBe((await articleRow(article.id)).approved_by_id);
      expect(winner.body.status).toBe('approved');
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const article = await inReview();
      const stale = await editorA.api.post(`/review-queue/${article.id}/approve`, { version: article.version - 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('ARTICLE.STALE_VERSION');
      expect(await articleRow(article.id)).toMatchObject({ status: 'in_review', version: article.version, approved_version: null });
      expect(await historyOf(article.id)).toEqual([]);
    });

    it('requires a reason to request changes or reject (400), then records it', async () => {
      const article = await inReview();
      const bad: [string, unknown][] = [
        ['request-changes', { version: article.version }],
        ['request-changes', { version: article.version, comment: '   ' }],
        ['request-changes', { version: String(article.version), comment: 'Tambahkan sumber.' }],
        ['reject', { version: article.version }],
        ['reject', { comment: 'Bukan berita.' }],
        ['approve', {}],
        ['approve', { version: article.version, publishNow: true }],
      ];
      for (const [verb, body] of bad) {
        const res = await editorA.api.post(`/review-queue/${article.id}/${verb}`, body);
        expect({ verb, body, status: res.status }).toEqual({ verb, body, status: 400 });
      }
      expect((await editorA.api.request('POST', `/review-queue/${article.id}/reject`, '{"version":')).status).toBe(400);
      expect(await articleRow(article.id)).toMatchObject({ status: 'in_review', version: article.version });

      const sentBack = await editorA.api.post(`/review-queue/${article.id}/request-changes`, { version: article.version, comment: 'Tambahkan sumber kedua.' });
      expect(sentBack.status).toBe(200);
      expect(sentBack.body).toMatchObject({ status: 'changes_requested', version: article.version + 1 });
      expect((await historyOf(article.id)).at(-1)).toMatchObject({ type: 'changes_requested', actor_id: editorA.id, comment: 'Tambahkan sumber kedua.' });

      const other = await inReview();
      const rejected = await editorB.api.post(`/review-queue/${other.id}/reject`, { version: other.version, comment: 'Bukan berita.' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', version: other.version + 1 });
      expect((await historyOf(other.id)).at(-1)).toMatchObject({ type: 'rejected', actor_id: editorB.id, comment: 'Bukan berita.' });
      const types = await queryTestDatabase<{ type: string }>(`select type from outbox_events where article_id = any($1::uuid[]) order by occurred_at`, [[article.id, other.id]]);
      expect(types.map((t) => t.type)).toEqual(['review.changes_requested', 'review.rejected']);
    });
  });

  describe('who may use the desk', () => {
    it('is for editors only: reporters, schedulers and admins get 403, anonymous callers 401', async () => {
      const article = await inReview();
      const adminPerson = await hire(newsroom, admin, ['admin'], 'Admin Dua');
      const stream = async (token: string | undefined, via: 'header' | 'query') => {
        const url = `${newsroom.baseUrl}/review-queue/stream${token && via === 'query' ? `?access_token=${encodeURIComponent(token)}` : ''}`;
        const client = await SseClient.open(url, token && via === 'header' ? { authorization: `Bearer ${token}` } : {});
        client.close();
        return client;
      };
      const calls: [string, (api: ApiClient, token: string | undefined) => Promise<{ status: number }>][] = [
        ['list', (api) => api.get('/review-queue')],
        ['claim', (api) => api.post(`/review-queue/${article.id}/claim`)],
        ['release', (api) => api.post(`/review-queue/${article.id}/release`)],
        ['approve', (api) => api.post(`/review-queue/${article.id}/approve`, { version: article.version })],
        ['request-changes', (api) => api.post(`/review-queue/${article.id}/request-changes`, { version: article.version, comment: 'x' })],
        ['reject', (api) => api.post(`/review-queue/${article.id}/reject`, { version: article.version, comment: 'x' })],
        ['stream (header)', (_, token) => stream(token, 'header')],
        ['stream (query)', (_, token) => stream(token, 'query')],
      ];
      const callers: [string, string | undefined, number][] = [
        ['reporter', reporter.token, 403],
        ['scheduler', scheduler.token, 403],
        ['admin', adminPerson.token, 403],
        ['anonymous', undefined, 401],
        ['bad token', 'not-a-token', 401],
      ];
      for (const [who, token, expected] of callers) {
        const api = token ? newsroom.api.as(token) : newsroom.api;
        for (const [what, call] of calls) {
          const { status } = await call(api, token);
          expect({ who, what, status }).toEqual({ who, what, status: expected });
        }
      }
      expect(await articleRow(article.id)).toMatchObject({ status: 'in_review', version: article.version });
      expect(await claimRow(article.id)).toBeUndefined();
    });
  });

  describe('the live stream', () => {
    it('tells every connected editor within a second when an item is claimed, released and leaves the queue', async () => {
      const url = `${newsroom.baseUrl}/review-queue/stream`;
      const byHeader = await SseClient.open(url, { authorization: `Bearer ${editorA.token}` });
      const byQuery = await SseClient.open(`${url}?access_token=${encodeURIComponent(editorB.token)}`);
      try {
        for (const stream of [byHeader, byQuery]) {
          expect(stream.status).toBe(200);
          expect(stream.contentType).toMatch(/^text\/event-stream/);
        }
        await eventually(() => byHeader.commentCount > 0 && byQuery.commentCount > 0, { what: 'both streams to open' });
        const article = await inReview();

        const expectEvent = async (change: string, act: () => Promise<{ status: number }>) => {
          const since = Date.now();
          expect((await act()).status).toBe(200);
          const seen = await Promise.all(
            [byHeader, byQuery].map((s) => s.waitFor((m) => m.event === change && JSON.parse(m.data).articleId === article.id, { since, what: `a ${change} event` })),
          );
          // "within a second", with room for other suites loading the machine meanwhile
          for (const m of seen) expect(m.receivedAt - since).toBeLessThan(1500);
          return JSON.parse(seen[0].data);
        };

        const claimed = await expectEvent('claimed', () => editorA.api.post(`/review-queue/${article.id}/claim`));
        expect(claimed).toMatchObject({ change: 'claimed', articleId: article.id, item: { article: { id: article.id }, claimedBy: { id: editorA.id } }, at: expect.any(String) });
        const released = await expectEvent('released', () => editorA.api.post(`/review-queue/${article.id}/release`));
        expect(released).toMatchObject({ change: 'released', item: { article: { id: article.id }, claimedBy: null } });
        const left = await expectEvent('left', () => editorB.api.post(`/review-queue/${article.id}/approve`, { version: article.version }));
        expect(left).toMatchObject({ change: 'left', articleId: article.id, item: null });
      } finally {
        byHeader.close();
        byQuery.close();
      }
    });
  });

  describe('the stream in /docs', () => {
    it('is described as text/event-stream, with the query token', async () => {
      const docs = await newsroom.api.get('/docs/openapi.json');
      const stream = docs.body.paths['/review-queue/stream'].get;
      expect(Object.keys(stream.responses['200'].content)).toEqual(['text/event-stream']);
      expect(stream.parameters.map((p: { name: string }) => p.name)).toContain('access_token');
      expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/review-queue', '/review-queue/{articleId}/claim', '/review-queue/{articleId}/approve', '/webhooks']));
    });
  });

  describe('with short claims (a second gateway and review service on the same database)', () => {
    let short: NewsroomProcesses;
    beforeAll(async () => {
      short = await NewsroomProcesses.start({ apps: ['gateway', 'review'], env: { NEWSROOM_CLAIM_TTL_SECONDS: '5' } });
    });
    afterAll(() => short?.stop());

    it('frees a claim by itself when its time is up, with no request arriving, and tells the desk', async () => {
      const stream = await SseClient.open(`${short.baseUrl}/review-queue/stream?access_token=${encodeURIComponent(editorB.token)}`);
      try {
        const asA = new ApiClient(short.baseUrl, editorA.token);
        const asB = new ApiClient(short.baseUrl, editorB.token);
        const article = await inReview();
        const claimed = await asA.post(`/review-queue/${article.id}/claim`);
        expect(claimed.status).toBe(200);
        const expiresAt = Date.parse(claimed.body.claimExpiresAt);
        expect(expiresAt - Date.now()).toBeGreaterThan(3000);
        expect((await asB.post(`/review-queue/${article.id}/claim`)).status).toBe(409);

        const expired = await stream.waitFor((m) => m.event === 'expired' && JSON.parse(m.data).articleId === article.id, { timeoutMs: 10_000, what: 'the claim to expire' });
        expect(expired.receivedAt).toBeGreaterThanOrEqual(expiresAt - 50);
        expect(expired.receivedAt).toBeLessThan(expiresAt + 1500);
        expect(JSON.parse(expired.data)).toMatchObject({ change: 'expired', item: { article: { id: article.id }, claimedBy: null, claimExpiresAt: null } });
        expect(await claimRow(article.id)).toBeUndefined();
        expect((await historyOf(article.id)).map((e) => [e.type, e.actor_id, e.comment])).toEqual([
          ['claimed', editorA.id, null],
          ['released', null, 'claim expired'],
        ]);
        // announced through the outbox, committed with the release, like every other queue change
        const outbox = await queryTestDatabase<{ type: string; relayed: boolean }>(
          `select type, relayed_at is not null as relayed from outbox_events where article_id = $1 and type like 'review.claim%' order by occurred_at`,
          [article.id],
        );
        expect(outbox).toEqual([{ type: 'review.claimed', relayed: true }, { type: 'review.claim_expired', relayed: true }]);
        expect((await asB.post(`/review-queue/${article.id}/claim`)).body.claimedBy).toEqual({ id: editorB.id, name: 'Redaktur Dua' });
      } finally {
        stream.close();
      }
    });

    it('leaves an extended claim alone when the first lease\'s expiry comes due', async () => {
      const asA = new ApiClient(short.baseUrl, editorA.token);
      const article = await inReview();
      const first = await asA.post(`/review-queue/${article.id}/claim`);
      await new Promise((r) => setTimeout(r, 2000));
      const extended = await asA.post(`/review-queue/${article.id}/claim`);
      expect(Date.parse(extended.body.claimExpiresAt)).toBeGreaterThan(Date.parse(first.body.claimExpiresAt));
      // past the first lease's end, before the second's
      await new Promise((r) => setTimeout(r, Date.parse(first.body.claimExpiresAt) + 1000 - Date.now()));
      expect(await claimRow(article.id)).toEqual({ editor_id: editorA.id });
      const listed = (await asA.get('/review-queue')).body.find((i: { article: { id: string } }) => i.article.id === article.id);
      expect(listed.claimedBy).toEqual({ id: editorA.id, name: 'Redaktur Satu' });
      expect((await historyOf(article.id)).map((e) => e.type)).toEqual(['claimed', 'claimed']);
    });

    it('ends open streams when the gateway stops, instead of holding the shutdown up', async () => {
      const stream = await SseClient.open(`${short.baseUrl}/review-queue/stream?access_token=${encodeURIComponent(editorA.token)}`);
      expect(stream.status).toBe(200);
      const started = Date.now();
      await short.stopApp('gateway');
      expect(Date.now() - started).toBeLessThan(5000);
      stream.close();
    });
  });
});
