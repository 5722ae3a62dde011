import { QueueName } from '@newsroom/contracts';
import { ApiClient, createStaff, DeskClient, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

describe('the queue dashboard (Bull Board at /desk/queues)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;

  beforeAll(async () => {
    await resetDatabase();
    // three view shards: each shard's view-counting queue is its own queue in Redis
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'], env: { NEWSROOM_VIEW_SHARDS: '3' } });
    admin = await newsroom.adminClient();
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  it('is for admins only: 401 without a session, 403 for other staff, before Bull Board answers', async () => {
    const reporter = await createStaff(admin, ['reporter', 'editor', 'scheduler']);
    for (const path of ['/desk/queues', '/desk/queues/api/queues', '/desk/queues/static/js/nothing.js']) {
      expect({ path, status: (await newsroom.api.get(path)).status }).toEqual({ path, status: 401 });
      expect({ path, status: (await newsroom.api.as('forged.token.value').get(path)).status }).toEqual({ path, status: 401 });
      const refused = await reporter.api.get(path);
      expect({ path, status: refused.status }).toEqual({ path, status: 403 });
      expect(refused.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
    }
    expect((await reporter.api.request('PUT', `/desk/queues/api/queues/${QueueName.Publishing}/pause`)).status).toBe(403);
  });

  it('shows an admin every queue of every service, the view shards each on its own, through the desk session too', async () => {
    const page = await admin.get('/desk/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const listed = await admin.get('/desk/queues/api/queues');
    expect(listed.status).toBe(200);
    const names = (listed.body.queues as { name: string }[]).map((q) => q.name).sort();
    const expected = [
      ...Object.values(QueueName).filter((n) => n !== QueueName.ViewCounting),
      ...[0, 1, 2].map((i) => `shard-${i}-${QueueName.ViewCounting}`),
    ].sort();
    expect(names).toEqual(expected);
    const desk = await DeskClient.signIn(newsroom.baseUrl, { email: 'admin@newsroom.local', password: 'admin' });
    expect((await desk.get('/desk/queues/api/queues')).status).toBe(200);
  });
});
