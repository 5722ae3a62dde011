import { randomBytes } from 'node:crypto';
import { ApiClient, createStaff, ensureRubric, insertArticle, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

/**
 * The two HTTP apps apart: the site (readers) in front as the one origin of
 * development, the gateway (staff) behind it. Each answers only its own side,
 * the readers' side keeps serving while the staff side is down, and /docs at
 * the origin describes both.
 */
describe('the site and the gateway, two apps behind one origin (real processes, Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let gateway: ApiClient;
  let slug: string;
  const suffix = randomBytes(2).toString('hex');

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    gateway = new ApiClient(newsroom.staffUrl());
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    const desk = await createStaff(admin, ['editor']);
    slug = (await insertArticle({ authorId: desk.id, status: 'published', rubricSlug: 'dunia', headline: `Dua Aplikasi Satu Pintu ${suffix}`, publishedAt: new Date() })).slug;
  });
  afterAll(() => newsroom?.stop());

  it('serves the readers from the site and the staff from the gateway behind it, through one port', async () => {
    expect((await newsroom.api.get(`/berita/${slug}`)).status).toBe(200);
    expect((await newsroom.api.get(`/articles/${slug}`)).status).toBe(200);
    expect((await newsroom.api.get('/rubrics')).status).toBe(200);
    // the staff's routes, passed on (POST /rubrics shares its path with the readers' GET)
    expect((await newsroom.api.post('/rubrics', { slug: 'x', name: 'X' })).status).toBe(401);
    expect((await newsroom.api.get('/drafts')).status).toBe(401);
    expect((await newsroom.api.get('/desk/login')).status).toBe(200);
  });

  it('keeps each side in its own app: the gateway has no readers\' routes', async () => {
    for (const path of [`/berita/${slug}`, `/articles/${slug}`, '/articles/latest', '/']) {
      expect([path, (await gateway.get(path)).status]).toEqual([path, 404]);
    }
    expect((await gateway.post('/views', { slug })).status).toBe(404);
    // the staff's own list of rubrics (the desk's forms) asks for a token; the readers' is the site's
    expect((await gateway.get('/rubrics')).status).toBe(401);
    expect((await gateway.get('/health')).status).toBe(200);
  });

  it('describes both apps on the origin\'s /docs, and each app its own', async () => {
    const paths = async (api: ApiClient) => Object.keys(((await api.get('/docs/openapi.json')).body as { paths: Record<string, unknown> }).paths);
    const origin = await paths(newsroom.api);
    for (const path of ['/articles/latest', '/articles/{slug}', '/views', '/views/batch', '/rubrics', '/drafts', '/review-queue', '/auth/login', '/health']) {
      expect(origin).toContain(path);
    }
    const staff = await paths(gateway);
    expect(staff).toContain('/drafts');
    expect(staff).not.toContain('/articles/latest');
    expect(staff).not.toContain('/views');
  });

  it('refuses a staff request\'s body past the limit at the origin, also one streamed without a length, and serves the next request', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 3 MiB, past the 2 MiB default, in chunks and without Content-Length
        if (sent >= 48) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const answer = await fetch(`${newsroom.baseUrl}/drafts`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(answer.status).toBe(413);
    expect(((await answer.json()) as { code: string }).code).toBe('BODY_TOO_LARGE');
    expect((await newsroom.api.get('/drafts')).status).toBe(401);
  });

  it('keeps the readers\' side up while the staff side is down, and says so to staff requests with 503 and Retry-After', async () => {
    await newsroom.stopStaff('gateway', 'SIGKILL');
    expect((await newsroom.api.get(`/berita/${slug}`)).status).toBe(200);
    expect((await newsroom.api.get('/articles/latest')).status).toBe(200);
    expect((await newsroom.api.post('/views', { slug })).status).toBe(202);
    const staff = await newsroom.api.get('/drafts');
    expect(staff.status).toBe(503);
    expect(staff.headers.get('retry-after')).toBe('1');
    expect(staff.body.code).toBe('UPSTREAM.UNAVAILABLE');
  });
});
