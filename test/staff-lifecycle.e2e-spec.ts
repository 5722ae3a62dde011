import { ApiClient, createStaff, freePort, NewsroomProcesses, queryTestDatabase, resetDatabase, SseClient, Staff } from '@newsroom/testing';

async function login(api: ApiClient, who: { email: string; password: string }): Promise<string> {
  const res = await api.post('/auth/login', { email: who.email, password: who.password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
  return res.body.accessToken;
}

/** Polls until every client answers `status` for GET /users/me; returns when that first held (ms since the epoch). */
async function refusedEverywhere(apis: ApiClient[], token: string, timeoutMs = 3000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(apis.map(async (api) => (await api.as(token).get('/users/me')).status));
    if (statuses.every((s) => s === 401)) return Date.now();
    if (Date.now() > deadline) throw new Error(`still answered ${statuses.join(', ')} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const historyTypes = async (admin: ApiClient, id: string) => ((await admin.get(`/users/${id}/history`)).body as { type: string }[]).map((e) => e.type);

/**
 * The staff lifecycle (API v1.1): role changes, deactivation, password
 * changes and the last admin, seen from two gateway replicas sharing Redis
 * and Postgres: what one replica changes, the other refuses within a second.
 */
describe('staff lifecycle', () => {
  let newsroom: NewsroomProcesses;
  let replica: ApiClient;
  let admin: ApiClient;
  let both: ApiClient[];
  let adminId: string;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'gateway#2', env: { PORT: String(port) } });
    replica = new ApiClient(`http://127.0.0.1:${port}`);
    admin = await newsroom.adminClient();
    both = [newsroom.api, replica];
    adminId = (await admin.get('/users/me')).body.id;
  });
  afterAll(() => newsroom?.stop());

  it('PATCH /users/:id renames and changes roles, audited; users carry `active`', async () => {
    const staff = await createStaff(admin, ['reporter'], 'Hani Fatunisa');
    expect((await admin.get('/users/me')).body.active).toBe(true);

    const renamed = await admin.patch(`/users/${staff.id}`, { name: '  Hani Fatunnisa ' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ id: staff.id, email: staff.email, name: 'Hani Fatunnisa', roles: ['reporter'], active: true });
    // a rename takes no access away: the token lives on
    expect((await staff.api.get('/users/me')).status).toBe(200);

    const promoted = await replica.as(admin.token).patch(`/users/${staff.id}`, { roles: ['reporter', 'editor'] });
    expect(promoted.status).toBe(200);
    expect(promoted.body.roles).toEqual(['reporter', 'editor']);
    // the same again changes nothing and audits nothing
    expect((await admin.patch(`/users/${staff.id}`, { roles: ['editor', 'reporter'], name: 'Hani Fatunnisa' })).status).toBe(200);

    const history = (await admin.get(`/users/${staff.id}/history`)).body;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['created', 'renamed', 'roles_changed']);
    expect(history[1]).toMatchObject({ actor: { id: adminId, name: 'Administrator' }, changes: { name: { from: 'Hani Fatunisa', to: 'Hani Fatunnisa' } } });
    expect(history[2].changes).toEqual({ roles: { from: ['reporter'], to: ['reporter', 'editor'] } });
    expect(Date.parse(history[2].at)).toBeGreaterThanOrEqual(Date.parse(history[1].at));
  });

  it('refuses bad input and the wrong roles, storing nothing', async () => {
    const staff = await createStaff(admin, ['reporter', 'editor']);
    const before = await queryTestDatabase('select name, roles, active, token_generation from users where id = $1', [staff.id]);
    const refusals: [string, () => Promise<{ status: number }>, number][] = [
      ['unknown field', () => admin.patch(`/users/${staff.id}`, { name: 'X', email: 'x@newsroom.test' }), 400],
      ['blank name', () => admin.patch(`/users/${staff.id}`, { name: '   ' }), 400],
      ['no roles', () => admin.patch(`/users/${staff.id}`, { roles: [] }), 400],
      ['unknown role', () => admin.patch(`/users/${staff.id}`, { roles: ['owner'] }), 400],
      ['not a uuid', () => admin.patch('/users/nobody', { name: 'X' }), 400],
      ['no such user', () => admin.patch('/users/00000000-0000-4000-8000-000000000000', { name: 'X' }), 404],
      ['no such user to deactivate', () => admin.post('/users/00000000-0000-4000-8000-000000000000/deactivate'), 404],
      ['no such user history', () => admin.get('/users/00000000-0000-4000-8000-000000000000/history'), 404],
      ['an editor patching', () => staff.api.patch(`/users/${staff.id}`, { roles: ['admin'] }), 403],
      ['an editor deactivating', () => staff.api.post(`/users/${adminId}/deactivate`), 403],
      ['an editor reading history', () => staff.api.get(`/users/${staff.id}/history`), 403],
      ['no token', () => newsroom.api.post(`/users/${staff.id}/reactivate`), 401],
      ['password: unknown field', () => staff.api.post('/users/me/password', { currentPassword: staff.password, newPassword: 'rahasia-baru-1', extra: 1 }), 400],
      ['password: too short', () => staff.api.post('/users/me/password', { currentPassword: staff.password, newPassword: 'pendek' }), 400],
      ['password: wrong current', () => staff.api.post('/users/me/password', { currentPassword: 'salah-sekali', newPassword: 'rahasia-baru-1' }), 403],
    ];
    for (const [what, call, status] of refusals) expect({ what, status: (await call()).status }).toEqual({ what, status });
    expect(await queryTestDatabase('select name, roles, active, token_generation from users where id = $1', [staff.id])).toEqual(before);
    expect(await historyTypes(admin, staff.id)).toEqual(['created']);
    expect((await staff.api.get('/users/me')).status).toBe(200);
    await login(newsroom.api, staff);
  });

  it('a role taken away stops working on both replicas within a second, and their open stream closes', async () => {
    const editor = await createStaff(admin, ['editor', 'reporter']);
    const onReplica = await login(replica, editor);
    const stream = await SseClient.open(`${replica.baseUrl}/review-queue/stream`, { authorization: `Bearer ${onReplica}` });
    try {
      expect(stream.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const changedAt = Date.now();
      expect((await admin.patch(`/users/${editor.id}`, { roles: ['reporter'] })).status).toBe(200);
      for (const token of [editor.api.token!, onReplica]) expect((await refusedEverywhere(both, token)) - changedAt).toBeLessThan(1000);
      expect((await stream.waitForEnd({ timeoutMs: 3000 })) - changedAt).toBeLessThan(1000);
    } finally {
      stream.close();
    }
    // signed in again, the new token carries the new roles only
    const again = newsroom.api.as(await login(newsroom.api, editor));
    expect((await again.get('/users/me')).body.roles).toEqual(['reporter']);
    expect((await again.get('/review-queue')).status).toBe(403);
  });

  it('deactivation: login 401, every token 401 on both replicas within a second, streams close; reactivation lets them sign in again', async () => {
    const editor = await createStaff(admin, ['editor']);
    const onReplica = await login(replica, editor);
    const stream = await SseClient.open(`${newsroom.baseUrl}/review-queue/stream?access_token=${encodeURIComponent(editor.api.token!)}`);
    try {
      expect(stream.status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
      const changedAt = Date.now();
      const off = await replica.as(admin.token).post(`/users/${editor.id}/deactivate`);
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ id: editor.id, active: false, roles: ['editor'] });
      for (const token of [editor.api.token!, onReplica]) expect((await refusedEverywhere(both, token)) - changedAt).toBeLessThan(1000);
      expect((await stream.waitForEnd({ timeoutMs: 3000 })) - changedAt).toBeLessThan(1000);
    } finally {
      stream.close();
    }
    for (const api of both) {
      const refused = await api.post('/auth/login', { email: editor.email, password: editor.password });
      expect(refused.status).toBe(401);
      expect(refused.body.accessToken).toBeUndefined();
    }
    // deactivating again changes nothing
    expect((await admin.post(`/users/${editor.id}/deactivate`)).body.active).toBe(false);
    const listed = (await admin.get('/users?limit=500')).body.find((u: { id: string }) => u.id === editor.id);
    expect(listed.active).toBe(false);

    const on = await admin.post(`/users/${editor.id}/reactivate`);
    expect(on.status).toBe(200);
    expect(on.body.active).toBe(true);
    const fresh = await login(newsroom.api, editor);
    for (const api of both) expect((await api.as(fresh).get('/review-queue')).status).toBe(200);
    // the tokens from before the deactivation stay dead
    for (const api of both) expect((await api.as(onReplica).get('/users/me')).status).toBe(401);
    expect(await historyTypes(admin, editor.id)).toEqual(['created', 'deactivated', 'reactivated']);
  });

  it('the last active admin can neither be deactivated nor lose admin (409), nothing stored; an inactive admin does not count', async () => {
    const before = await queryTestDatabase('select roles, active, token_generation from users where id = $1', [adminId]);
    const refusals = [await admin.post(`/users/${adminId}/deactivate`), await admin.patch(`/users/${adminId}`, { roles: ['editor'] })];
    for (const r of refusals) expect(r.body).toMatchObject({ statusCode: 409, code: 'USER.LAST_ADMIN' });
    expect(await queryTestDatabase('select roles, active, token_generation from users where id = $1', [adminId])).toEqual(before);
    expect((await admin.get('/users/me')).status).toBe(200);

    // an inactive admin does not count
    const dormant = await createStaff(admin, ['admin']);
    expect((await admin.post(`/users/${dormant.id}/deactivate`)).status).toBe(200);
    expect((await admin.post(`/users/${adminId}/deactivate`)).status).toBe(409);
    expect((await admin.post(`/users/${dormant.id}/reactivate`)).status).toBe(200);

    expect(await historyTypes(admin, adminId)).toEqual([]);
    expect(await historyTypes(admin, dormant.id)).toEqual(['created', 'deactivated', 'reactivated']);
    expect((await admin.post(`/users/${dormant.id}/deactivate`)).status).toBe(200);
  });

  it('two admins deactivating each other at once never leave the newsroom without an active admin', async () => {
    for (let round = 0; round < 5; round++) {
      const [x, y] = await Promise.all([createStaff(admin, ['admin']), createStaff(admin, ['admin'])]);
      // only x and y remain: the first admin steps aside for the round
      const xs = x.api;
      expect((await xs.post(`/users/${adminId}/deactivate`)).status).toBe(200);
      const answers = await Promise.all([xs.post(`/users/${y.id}/deactivate`), y.api.post(`/users/${x.id}/deactivate`)]);
      // the loser is refused as the last admin (409), or, if its request came after the winner's commit, as a revoked token (401)
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      expect([401, 409]).toContain(answers.find((r) => r.status !== 200)!.status);
      const [{ n }] = await queryTestDatabase<{ n: number }>(`select count(*)::int as n from users where active and 'admin' = any(roles)`);
      expect(n).toBe(1);
      const winner = answers[0].status === 200 ? x : y;
      const winnerApi = newsroom.api.as(await login(newsroom.api, winner));
      expect((await winnerApi.post(`/users/${adminId}/reactivate`)).status).toBe(200);
      expect((await winnerApi.post(`/users/${winner.id}/deactivate`)).status).toBe(200);
      admin = await newsroom.adminClient();
    }
  });

  it('POST /users/me/password -> 204: this token lives on, every other dies on both replicas, and only the new password signs in', async () => {
    const staff: Staff = await createStaff(admin, ['reporter']);
    const other = await login(replica, staff);
    const changedAt = Date.now();
    const changed = await staff.api.post('/users/me/password', { currentPassword: staff.password, newPassword: 'rahasia-baru-sekali' });
    expect(changed.status).toBe(204);
    expect(changed.text).toBe('');
    expect((await refusedEverywhere(both, other)) - changedAt).toBeLessThan(1000);
    for (const api of both) expect((await api.as(staff.api.token).get('/users/me')).status).toBe(200);
    expect((await newsroom.api.post('/auth/login', { email: staff.email, password: staff.password })).status).toBe(401);
    await login(replica, { email: staff.email, password: 'rahasia-baru-sekali' });
    const history = (await admin.get(`/users/${staff.id}/history`)).body;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['created', 'password_changed']);
    expect(history[1].actor).toEqual({ id: staff.id, name: staff.name });
    expect(JSON.stringify(history)).not.toContain('rahasia');
    // the kept session can log out like any other
    expect((await staff.api.post('/auth/logout')).status).toBe(204);
    expect((await replica.as(staff.api.token).get('/users/me')).status).toBe(401);
  });

  it('revoked tokens stay dead when Redis loses its data: the token generation comes back from Postgres', async () => {
    const editor = await createStaff(admin, ['editor']);
    const old = editor.api.token!;
    expect((await admin.patch(`/users/${editor.id}`, { roles: ['reporter'] })).status).toBe(200);
    const current = await login(newsroom.api, editor);
    const deactivated = await createStaff(admin, ['editor']);
    expect((await admin.post(`/users/${deactivated.id}/deactivate`)).status).toBe(200);

    await newsroom.flushRedisPrefix();
    for (const api of both) {
      expect((await api.as(old).get('/review-queue')).status).toBe(401);
      expect((await api.as(deactivated.api.token).get('/users/me')).status).toBe(401);
      expect((await api.as(current).get('/users/me')).status).toBe(200);
    }
    expect((await newsroom.api.post('/auth/login', { email: deactivated.email, password: deactivated.password })).status).toBe(401);
    // and a revocation after the loss still reaches every replica
    expect((await replica.as(admin.token).post(`/users/${editor.id}/deactivate`)).status).toBe(200);
    for (const api of both) expect((await api.as(current).get('/users/me')).status).toBe(401);
  });

  it('describes every new endpoint in /docs', async () => {
    const docs = (await newsroom.api.get('/docs/openapi.json')).body;
    expect(Object.keys(docs.paths['/users/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    for (const path of ['/users/{id}/deactivate', '/users/{id}/reactivate', '/users/me/password']) expect(docs.paths[path].post).toBeDefined();
    expect(docs.paths['/users/{id}/history'].get.responses['200']).toBeDefined();
    expect(docs.paths['/users/{id}'].patch.responses['409'].description).toContain('last active admin');
    expect(docs.components.schemas.UserResponse.required).toContain('active');
    expect(Object.keys(docs.components.schemas.UpdateUserDto.properties)).toEqual(['name', 'roles']);
    expect(Object.keys(docs.components.schemas.ChangePasswordDto.properties)).toEqual(['currentPassword', 'newPassword']);
  });
});
