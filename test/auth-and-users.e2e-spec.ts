import { createStaff, NewsroomProcesses, queryTestDatabase, resetDatabase } from '@newsroom/testing';

describe('auth, users and rubrics (gateway process, real Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
  });
  afterAll(() => newsroom?.stop());

  it('logs the first admin in from the environment and never shows a password hash', async () => {
    const res = await newsroom.api.post('/auth/login', { email: 'admin@newsroom.local', password: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.user).toEqual({ id: expect.any(String), email: 'admin@newsroom.local', name: 'Administrator', roles: ['admin'], active: true });
    expect(res.text).not.toMatch(/scrypt|passwordHash|password_hash/);
  });

  it('answers wrong credentials with 401 in the contract error shape', async () => {
    const wrongPassword = await newsroom.api.post('/auth/login', { email: 'admin@newsroom.local', password: 'nope' });
    const unknownEmail = await newsroom.api.post('/auth/login', { email: 'nobody@newsroom.local', password: 'nope' });
    for (const res of [wrongPassword, unknownEmail]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
    }
  });

  it('lets an admin create staff who can then log in; a duplicate email is 409', async () => {
    const admin = await newsroom.adminClient();
    const reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    const me = await reporter.api.get('/users/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: reporter.id, email: reporter.email, name: 'Hani Fatunnisa', roles: ['reporter'], active: true });
    const again = await admin.post('/users', { email: reporter.email.toUpperCase(), name: 'X', password: 'long-enough', roles: ['editor'] });
    expect(again.status).toBe(409);
  });

  it('refuses user management to anyone but admins, and bad tokens with 401', async () => {
    const admin = await newsroom.adminClient();
    const editor = await createStaff(admin, ['editor']);
    expect((await editor.api.post('/users', { email: 'x@newsroom.test', name: 'X', password: 'long-enough', roles: ['reporter'] })).status).toBe(403);
    expect((await newsroom.api.get('/users/me')).status).toBe(401);
    expect((await newsroom.api.as('not-a-token').get('/users/me')).status).toBe(401);
  });

  it('pages the staff list oldest first with `limit` and `after`, never skipping or repeating anyone', async () => {
    const admin = await newsroom.adminClient();
    const staff = await Promise.all([1, 2, 3, 4].map((n) => createStaff(admin, ['reporter'], `Staf ${n}`)));
    // two of them created in the very same microsecond as the first admin (whose created_at comes from Postgres' now())
    await queryTestDatabase(`update users set created_at = (select created_at from users where email = 'admin@newsroom.local') where id = any($1::uuid[])`, [[staff[1].id, staff[3].id]]);

    const all = await admin.get('/users?limit=500');
    expect(all.status).toBe(200);
    const ids = (all.body as { id: string }[]).map((u) => u.id);
    expect(ids).toEqual((await queryTestDatabase<{ id: string }>('select id from users order by created_at, id')).map((u) => u.id));
    expect(ids).toEqual(expect.arrayContaining(staff.map((s) => s.id)));
    expect((await admin.get('/users')).body).toEqual(all.body); // default limit 100

    for (const size of [1, 2, 3]) {
      const walked: string[] = [];
      const pages: number[] = [];
      for (let after = ''; ; ) {
        const page = await admin.get(`/users?limit=${size}${after ? `&after=${after}` : ''}`);
        expect(page.status).toBe(200);
        walked.push(...page.body.map((u: { id: string }) => u.id));
        pages.push(page.body.length);
        if (page.body.length < size) break;
        after = page.body[page.body.length - 1].id;
      }
      expect(walked).toEqual(ids);
      expect(pages.slice(0, -1).every((n) => n === size)).toBe(true);
    }

    for (const query of ['limit=0', 'limit=501', 'limit=abc', 'after=bukan-uuid', 'after=00000000-0000-4000-8000-000000000000', 'sort=name']) {
      const bad = await admin.get(`/users?${query}`);
      expect([query, bad.status]).toEqual([query, 400]);
      expect(bad.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.anything() });
    }
  });

  it('creates rubrics for admins and editors, lists them publicly, and refuses a taken slug', async () => {
    const admin = await newsroom.adminClient();
    const reporter = await createStaff(admin, ['reporter']);
    expect((await admin.post('/rubrics', { slug: 'dunia', name: 'Dunia' })).status).toBe(201);
    expect((await admin.post('/rubrics', { slug: 'dunia', name: 'Dunia lagi' })).status).toBe(409);
    expect((await reporter.api.post('/rubrics', { slug: 'olahraga', name: 'Olahraga' })).status).toBe(403);
    expect((await admin.post('/rubrics', { slug: 'Bad Slug', name: 'x' })).status).toBe(400);
    const list = await newsroom.api.get('/rubrics');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ slug: 'dunia', name: 'Dunia' }]);
  });

  it('reports Postgres and Redis in /health and serves the OpenAPI description', async () => {
    const health = await newsroom.api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.details).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
    const docs = await newsroom.api.get('/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/auth/login', '/users', '/users/me', '/rubrics', '/health']));
    const listUsers = docs.body.paths['/users'].get.parameters as { name: string; in: string; schema: Record<string, unknown> }[];
    expect(listUsers.map((p) => [p.in, p.name])).toEqual(expect.arrayContaining([['query', 'limit'], ['query', 'after']]));
    expect(listUsers.find((p) => p.name === 'limit')?.schema).toMatchObject({ minimum: 1, maximum: 500, default: 100 });
  });
});
