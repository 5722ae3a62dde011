import { ApiClient, freePort, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

/** Per-IP limits answer 429 in the contract's shape, and two gateway replicas share one count (it lives in Redis). */
describe('rate limits', () => {
  let newsroom: NewsroomProcesses;
  let replica: ApiClient;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({
      apps: ['gateway'],
      env: { NEWSROOM_RATE_LIMIT_READS_PER_MINUTE: '6', NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: '3', NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE: '4' },
    });
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'gateway#2', env: { PORT: String(port) } });
    replica = new ApiClient(`http://127.0.0.1:${port}`);
  });
  afterAll(() => newsroom?.stop());

  it('limits public reads per client address across both replicas', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await (i % 2 ? replica : newsroom.api).get('/articles/latest')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const limited = await newsroom.api.get('/articles/popular');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    // @nestjs/throttler names the header after the limit that was hit
    expect(Number(limited.headers.get('retry-after-public-read'))).toBeGreaterThan(0);
  });

  it('limits login attempts separately, so readers cannot lock staff out', async () => {
    const attempts: number[] = [];
    for (let i = 0; i < 4; i++) attempts.push((await newsroom.api.post('/auth/login', { email: 'admin@newsroom.local', password: 'salah' })).status);
    expect(attempts).toEqual([401, 401, 401, 429]);
  });

  it('limits the view beacon on its own budget, and leaves staff endpoints alone', async () => {
    const browser = newsroom.api.withHeaders({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36' });
    const beacons: number[] = [];
    for (let i = 0; i < 5; i++) beacons.push((await browser.post('/views', { slug: 'tidak-ada', visitorId: `v${i}` })).status);
    expect(beacons).toEqual([404, 404, 404, 404, 429]);
    expect((await newsroom.api.get('/health')).status).toBe(200);
    expect((await newsroom.api.get('/users/me')).status).toBe(401);
  });
});
