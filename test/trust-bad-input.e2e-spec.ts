import { ApiClient, createStaff, ensureRubric, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase, seedArticleInput, Staff } from '@newsroom/testing';

/**
 * Bad input at the edge (API.md v1.3): bodies nested deeper than 64 levels are
 * refused while parsing, a NUL anywhere, times outside 1970..9999 and cursors
 * no column can hold are 400s, and whatever fails on the way never leaves the
 * submitted values or a password hash in the gateway's log.
 */
describe('bad input at the trust boundary', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let published: { id: string; slug: string };

  /** What the probe sent: two million `[`, just under the 2 MiB body limit. */
  const DEEP_BODY = '['.repeat(2_000_000);
  const nested = (levels: number, inner = '"x"') => '['.repeat(levels - 1) + `[${inner}]` + ']'.repeat(levels - 1);
  const count = async (table: string) => (await queryTestDatabase<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now();
    const result = await work();
    return [result, performance.now() - started];
  };
  const expect400 = (res: { status: number; body: any }, code?: string) => {
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: 400, error: 'Bad Request', message: expect.anything(), ...(code ? { code } : {}) }));
  };

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'], env: { LOG_LEVEL: 'log' } });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    published = await insertArticle({ authorId: reporter.id, status: 'published', headline: 'Jembatan Baru Dibuka di Kutai' });
  });
  afterAll(() => newsroom?.stop());

  describe('bodies nested too deep', () => {
    it('answers a 2 MB body of nested brackets to POST /auth/login with 400 BODY.TOO_DEEP, quickly', async () => {
      const [res, ms] = await timed(() => newsroom.api.request('POST', '/auth/login', DEEP_BODY));
      expect400(res, 'BODY.TOO_DEEP');
      expect(ms).toBeLessThan(500);
    });

    it('answers the same body to POST /views and /views/batch with 400 BODY.TOO_DEEP', async () => {
      expect400(await newsroom.api.request('POST', '/views', DEEP_BODY), 'BODY.TOO_DEEP');
      expect400(await newsroom.api.request('POST', '/views/batch', DEEP_BODY), 'BODY.TOO_DEEP');
    });

    it('keeps /health fast while ten such bodies are in flight', async () => {
      const attackers = Array.from({ length: 10 }, (_, i) => newsroom.api.from(`127.0.0.${20 + i}`));
      const attack = Promise.all(attackers.flatMap((client) => [0, 1, 2].map(() => client.request('POST', '/auth/login', DEEP_BODY))));
      const [health, ms] = await timed(() => newsroom.api.get('/health'));
      const answers = await attack;
      expect(health.status).toBe(200);
      expect(ms).toBeLessThan(2000); // 12 s before the depth bound; generous for a shared two-core machine
      expect(answers.map((a) => a.body.code)).toEqual(answers.map(() => 'BODY.TOO_DEEP'));
    });

    it('reads a body of exactly 64 levels (then validates it) and refuses 65 before validation', async () => {
      const at64 = await reporter.api.request('POST', '/drafts', `{"headline":"Banjir","body":"<p>Isi</p>","rubric":"dunia","tags":${nested(63)}}`);
      expect400(at64);
      expect(at64.body.code).toBeUndefined(); // the DTO's message, not the parser's
      expect(at64.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^each value in tags must be a string/)]));
      expect400(await reporter.api.request('POST', '/drafts', `{"headline":"Banjir","body":"<p>Isi</p>","rubric":"dunia","tags":${nested(64)}}`), 'BODY.TOO_DEEP');
      const viewAt64 = await newsroom.api.request('POST', '/views/batch', nested(63, `{"slug":"${published.slug}","visitorId":"v-64"}`));
      expect400(viewAt64, 'VALIDATION');
      expect400(await newsroom.api.request('POST', '/views/batch', nested(64, `{"slug":"${published.slug}","visitorId":"v-65"}`)), 'BODY.TOO_DEEP');
      // an ordinary body still goes through
      expect((await newsroom.api.post('/views', { slug: published.slug, visitorId: 'pembaca-biasa' })).status).toBe(202);
    });
  });

  it('refuses an article body of 2 MB of unclosed tags with 400 ARTICLE.BODY_TOO_DEEP at once, and stores nothing', async () => {
    const before = await count('articles');
    const [res, ms] = await timed(() => reporter.api.post('/drafts', seedArticleInput({ body: '<b>'.repeat(650_000) })));
    expect400(res, 'ARTICLE.BODY_TOO_DEEP');
    expect(ms).toBeLessThan(2000);
    expect(await count('articles')).toBe(before);
  });

  describe('NUL characters', () => {
    it('refuses one in a login email', async () => {
      expect400(await newsroom.api.post('/auth/login', { email: 'admin\u0000@newsroom.test', password: 'apa-saja-panjang' }), 'BODY.NUL_CHARACTER');
    });

    it('refuses one in a user\'s name, and stores nobody', async () => {
      const before = await count('users');
      expect400(await admin.post('/users', { email: 'nul@newsroom.test', name: 'Nama\u0000Palsu', password: 'kata-sandi-panjang', roles: ['reporter'] }), 'BODY.NUL_CHARACTER');
      expect(await count('users')).toBe(before);
    });

    it('refuses one in a headline, and stores no draft', async () => {
      const before = await count('articles');
      expect400(await reporter.api.post('/drafts', seedArticleInput({ headline: 'Judul\u0000Rahasia' })), 'BODY.NUL_CHARACTER');
      expect(await count('articles')).toBe(before);
    });

    it('refuses one in a slug path, a rubric filter and a beacon\'s slug', async () => {
      expect400(await newsroom.api.get('/articles/a%00b'), 'URL.NUL_CHARACTER');
      expect400(await newsroom.api.get('/articles/latest?rubric=dunia%00'), 'URL.NUL_CHARACTER');
      expect400(await newsroom.api.get('/articles/popular?rubric=%00'), 'URL.NUL_CHARACTER');
      expect400(await newsroom.api.post('/views?x=%00', { slug: published.slug, visitorId: 'v' }), 'URL.NUL_CHARACTER');
      expect400(await newsroom.api.post('/views', { slug: `${published.slug}\u0000`, visitorId: 'v' }), 'BODY.NUL_CHARACTER');
      expect400(await admin.get(`/drafts/${published.id}%00`), 'URL.NUL_CHARACTER');
    });
  });

  describe('times and cursors', () => {
    it.each(['0000-01-01T00:00:00Z', '1969-12-31T23:00:00Z', '10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z'])('refuses before=%s on /articles/latest and /drafts', async (time) => {
      expect400(await newsroom.api.get(`/articles/latest?before=${encodeURIComponent(time)}`));
      expect400(await admin.get(`/drafts?before=${encodeURIComponent(time)}`));
    });

    it('says which years are accepted', async () => {
      const res = await newsroom.api.get('/articles/latest?before=0000-01-01T00:00:00Z');
      expect400(res, 'TIME.OUT_OF_RANGE');
      expect(res.body.message).toContain('1970..9999');
      expect((await admin.get('/drafts?before=0000-01-01T00:00:00.000Z')).body.message).toEqual([expect.stringContaining('1970..9999')]);
    });

    it('refuses a calendar range, a publishing time and an embargo outside 1970..9999, and changes nothing', async () => {
      const scheduler = await createStaff(admin, ['scheduler'], 'Dewi Lestari');
      expect400(await scheduler.api.get('/schedule?from=0000-01-01T00:00:00Z'), 'TIME.OUT_OF_RANGE');
      expect400(await scheduler.api.get('/schedule?to=0000-01-01%2010:00'), 'TIME.OUT_OF_RANGE');
      const before = await count('articles');
      expect400(await reporter.api.post('/drafts', seedArticleInput({ embargoUntil: '0000-01-01T00:00:00Z' })), 'TIME.OUT_OF_RANGE');
      expect(await count('articles')).toBe(before);
      const approved = await insertArticle({ authorId: reporter.id, status: 'approved' });
      expect400(await scheduler.api.post(`/articles/${approved.id}/schedule`, { publishAt: '0000-01-01T00:00:00Z' }), 'TIME.OUT_OF_RANGE');
      expect((await queryTestDatabase<{ status: string }>('select status from articles where id = $1', [approved.id]))[0].status).toBe('approved');
    });

    it('refuses a cursor with a 20-digit number, and one past the year 9999', async () => {
      const id = '0b0f7c5e-4c1e-4d8e-9a51-3f1f2d7c9a10';
      for (const micros of ['99999999999999999999', '253402300800000000']) {
        expect400(await newsroom.api.get(`/articles/latest?before=${Buffer.from(`${micros}_${id}`).toString('base64url')}`), 'LIST.BAD_CURSOR');
      }
      expect400(await admin.get(`/drafts?before=2024-01-01T00:00:00.000Z&beforeId=99999999999999999999`));
      expect400(await admin.get('/users?after=99999999999999999999'));
    });

    it('refuses a version no column holds, in a path or a body, with a 400', async () => {
      expect400(await admin.get(`/drafts/${published.id}/revisions/99999999999999999999/diff?against=1`));
      expect400(await admin.get(`/drafts/${published.id}/revisions/1/diff?against=99999999999999999999`));
      const draft = (await reporter.api.post('/drafts', seedArticleInput())).body;
      expect400(await reporter.api.patch(`/drafts/${draft.id}`, { version: 1e20, headline: 'Judul Baru' }));
    });

    it('keeps answering a malformed id in a path with a 404, as before', async () => {
      expect((await admin.get('/drafts/99999999999999999999')).status).toBe(404);
      expect((await newsroom.api.get('/articles/99999999999999999999')).status).toBe(404);
    });
  });

  describe('the log', () => {
    it('never shows a password hash or submitted values, even when the database fails a statement', async () => {
      // a statement Postgres refuses after the checks: the insert of a user, password hash and all, as in the probe
      await queryTestDatabase(`create or replace function refuse_user() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
      await queryTestDatabase('create trigger refuse_user before insert on users for each row execute function refuse_user()');
      try {
        const res = await admin.post('/users', { email: 'jejak-rahasia@newsroom.test', name: 'Nama Jejak Rahasia', password: 'kata-sandi-rahasia', roles: ['reporter'] });
        expect(res.status).toBe(500);
        expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
      } finally {
        await queryTestDatabase('drop trigger refuse_user on users');
        await queryTestDatabase('drop function refuse_user()');
      }
      const log = newsroom.logs('gateway');
      expect(log).toContain('(PG P0001), in insert into "users"'); // the failure is still told: class, code, statement
      for (const secret of ['scrypt', '$32768$', 'jejak-rahasia', 'Nama Jejak Rahasia', 'kata-sandi-rahasia', 'Judul', 'Rahasia', 'admin\u0000', '99999999999999999999', '0000-01-01']) {
        expect(log).not.toContain(secret);
      }
    });
  });
});
