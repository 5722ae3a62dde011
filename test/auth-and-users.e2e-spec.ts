import { createStaff, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

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
    expect(res.body.user).toEqual({ id: expect.any(String), email: 'admin@newsroom.local', name: 'Administrator', roles: ['admin'] });
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
    expect(me.body).toEqual({ id: reporter.id, email: reporter.email, name: 'Hani Fatunnisa', roles: ['reporter'] });
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
  });
});
