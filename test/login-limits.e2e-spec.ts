import { ApiClient, createStaff, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';

/**
 * Per-account login limits (API.md v1.3): 10 failures for one account within
 * 15 minutes lock it, from every address, until the window passes or an admin
 * unlocks it. The per-address limit is set out of the way by the harness, and
 * the attempts come from several real source addresses.
 */
describe('login limits per account', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  const addresses = ['127.0.0.5', '127.0.0.6', '127.0.0.7', '127.0.0.8', '127.0.0.9'];
  const from = (i: number) => newsroom.api.from(addresses[i % addresses.length]);

  async function failTenTimes(email: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await from(i).post('/auth/login', { email, password: `salah-${i}` })).status);
    return statuses;
  }

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    admin = await newsroom.adminClient();
  });
  afterAll(() => newsroom?.stop());

  it('locks an account after 10 failures from several addresses: the right password from a new address gets 429 with Retry-After; others are unaffected', async () => {
    const [target, bystander] = [await createStaff(admin, ['reporter']), await createStaff(admin, ['reporter'])];
    expect(await failTenTimes(target.email)).toEqual(Array(10).fill(401));

    const locked = await newsroom.api.from('127.0.0.20').post('/auth/login', { email: target.email, password: target.password });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'AUTH.ACCOUNT_LOCKED' });
    expect(locked.body.accessToken).toBeUndefined();
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // the same account however the email is written
    expect((await from(1).post('/auth/login', { email: `  ${target.email.toUpperCase()} `, password: target.password })).status).toBe(429);

    // another account, from an address that took part in the guessing, signs in
    expect((await from(0).post('/auth/login', { email: bystander.email, password: bystander.password })).status).toBe(200);
    // tokens issued before the lock keep working: the lock is about logging in
    expect((await target.api.get('/users/me')).status).toBe(200);
  });

  it('counts failures for unknown emails the same way, so the limit tells nothing about who has an account', async () => {
    const email = 'tidak-ada-orangnya@newsroom.test';
    expect(await failTenTimes(email)).toEqual(Array(10).fill(401));
    const eleventh = await from(3).post('/auth/login', { email, password: 'salah' });
    expect(eleventh.status).toBe(429);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does not count a right password as a failure', async () => {
    const staff = await createStaff(admin, ['reporter']);
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await from(i).post('/auth/login', { email: staff.email, password: 'salah' })).status);
    statuses.push((await from(0).post('/auth/login', { email: staff.email, password: staff.password })).status);
    statuses.push((await from(1).post('/auth/login', { email: staff.email, password: 'salah' })).status);
    statuses.push((await from(2).post('/auth/login', { email: staff.email, password: staff.password })).status);
    expect(statuses).toEqual([...Array(9).fill(401), 200, 401, 429]);
  });

  it('lets an admin lift the lock early with POST /users/:id/unlock; only admins, 404 for an unknown user', async () => {
    const staff: Staff = await createStaff(admin, ['editor']);
    await failTenTimes(staff.email);
    expect((await newsroom.api.post('/auth/login', { email: staff.email, password: staff.password })).status).toBe(429);

    expect((await staff.api.post(`/users/${staff.id}/unlock`)).status).toBe(403);
    expect((await newsroom.api.post(`/users/${staff.id}/unlock`)).status).toBe(401);
    expect((await admin.post('/users/00000000-0000-4000-8000-000000000000/unlock')).status).toBe(404);
    expect((await admin.post('/users/bukan-id/unlock')).status).toBe(400);

    const unlocked = await admin.post(`/users/${staff.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toEqual({ id: staff.id, email: staff.email, name: staff.name, roles: ['editor'], active: true });
    expect((await from(4).post('/auth/login', { email: staff.email, password: staff.password })).status).toBe(200);
  });

  it('is described in /docs', async () => {
    const docs = await newsroom.api.get('/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths['/users/{id}/unlock'].post.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(docs.body.paths['/auth/logout'].post.responses)).toEqual(expect.arrayContaining(['204', '401']));
    expect(Object.keys(docs.body.paths['/auth/login'].post.responses)).toContain('429');
  });
});
