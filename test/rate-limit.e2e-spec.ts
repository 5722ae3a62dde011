import { ApiClient, freePort, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

/**
 * Per-IP limits answer 429 in the contract's shape, and two gateway replicas
 * share one count (in Redis; a replica hands its hits over every 100 ms, hence
 * the pauses between replicas).
 */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
    for (let i = 0; i < 8; i++) {
      statuses.push((await (i % 2 ? replica : newsroom.api).get('/articles/latest')).status);
      await pause(250);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    const limited = await newsroom.api.get('/articles/popular');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // the name @nestjs/throttler gave it, kept for clients that read it
    expect(Number(limited.headers.get('retry-after-public-read'))).toBeGreaterThan(0);
  });

  it('holds the public-read limit when the pages come from the cache in front of Nest, on one budget with the misses', async () => {
    const reader = newsroom.api.from('127.0.0.5');
    const answers: { status: number; cache: string | null }[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await reader.get(i < 4 ? '/' : '/berita/tidak-ada');
      answers.push({ status: answer.status, cache: answer.headers.get('x-origin-cache') });
    }
    // a miss then hits of the home page, a miss then a hit of the 404 page, then the limit, a hit or not
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 404, 404, 429, 429]);
    expect(answers.slice(0, 6).map((a) => a.cache)).toEqual(['miss', 'hit', 'hit', 'hit', 'miss', 'hit']);
    const limited = await reader.get('/');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // other addresses keep their own budget, served from the cache
    const other = await newsroom.api.from('127.0.0.6').get('/');
    expect(other.status).toBe(200);
    expect(other.headers.get('x-origin-cache')).toBe('hit');
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
