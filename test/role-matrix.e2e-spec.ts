import { ApiClient, createStaff, ensureRubric, insertArticle, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';

type Caller = 'anonymous' | 'author' | 'otherReporter' | 'editor' | 'scheduler' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'author', 'otherReporter', 'editor', 'scheduler', 'admin'];

interface Endpoint {
  name: string;
  /** the status the article must be in before the call (a fresh one per caller), if the path needs one */
  status?: string;
  call: (api: ApiClient, article: { id: string; slug: string; version: number }) => Promise<{ status: number }>;
  /** expected HTTP status per caller */
  expect: Record<Caller, number>;
}

const soon = () => new Date(Date.now() + 3600_000).toISOString();
const body = { headline: 'Banjir Rob Genangi Pesisir Utara Jakarta', body: '<p>Air laut pasang menggenangi permukiman warga sejak pagi.</p>', rubric: 'dunia' };

/**
 * Every endpoint of the contract, called by every kind of caller against an
 * article of the author's in the state the endpoint acts on. 2xx means allowed;
 * 401, 403 and 404 are the access rules (404 where a reporter may not even
 * learn that another's draft exists).
 */
const ENDPOINTS: Endpoint[] = [
  { name: 'POST /drafts', call: (api) => api.post('/drafts', body), expect: { anonymous: 401, author: 201, otherReporter: 201, editor: 403, scheduler: 403, admin: 403 } },
  { name: 'GET /drafts', call: (api) => api.get('/drafts'), expect: { anonymous: 401, author: 200, otherReporter: 200, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'GET /drafts/:id', status: 'draft', call: (api, a) => api.get(`/drafts/${a.id}`), expect: { anonymous: 401, author: 200, otherReporter: 404, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'PATCH /drafts/:id', status: 'draft', call: (api, a) => api.patch(`/drafts/${a.id}`, { version: a.version, lead: 'Teras baru.' }), expect: { anonymous: 401, author: 200, otherReporter: 404, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'POST /drafts/:id/submit', status: 'draft', call: (api, a) => api.post(`/drafts/${a.id}/submit`), expect: { anonymous: 401, author: 202, otherReporter: 404, editor: 403, scheduler: 403, admin: 403 } },
  { name: 'POST /drafts/:id/withdraw', status: 'in_review', call: (api, a) => api.post(`/drafts/${a.id}/withdraw`), expect: { anonymous: 401, author: 200, otherReporter: 404, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'GET /drafts/:id/revisions', status: 'draft', call: (api, a) => api.get(`/drafts/${a.id}/revisions`), expect: { anonymous: 401, author: 200, otherReporter: 404, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'GET /drafts/:id/revisions/:v/diff', status: 'draft', call: (api, a) => api.get(`/drafts/${a.id}/revisions/1/diff?against=1`), expect: { anonymous: 401, author: 200, otherReporter: 404, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'GET /drafts/:id/history', status: 'draft', call: (api, a) => api.get(`/drafts/${a.id}/history`), expect: { anonymous: 401, author: 200, otherReporter: 404, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'GET /review-queue', call: (api) => api.get('/review-queue'), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'POST /review-queue/:id/claim', status: 'in_review', call: (api, a) => api.post(`/review-queue/${a.id}/claim`), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'POST /review-queue/:id/release', status: 'in_review', call: (api, a) => api.post(`/review-queue/${a.id}/release`), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'POST /review-queue/:id/approve', status: 'in_review', call: (api, a) => api.post(`/review-queue/${a.id}/approve`, { version: a.version }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'POST /review-queue/:id/request-changes', status: 'in_review', call: (api, a) => api.post(`/review-queue/${a.id}/request-changes`, { version: a.version, comment: 'Tambahkan sumber.' }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'POST /review-queue/:id/reject', status: 'in_review', call: (api, a) => api.post(`/review-queue/${a.id}/reject`, { version: a.version, comment: 'Bukan berita.' }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'POST /articles/:id/schedule', status: 'approved', call: (api, a) => api.post(`/articles/${a.id}/schedule`, { publishAt: soon() }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 200, admin: 403 } },
  { name: 'DELETE /articles/:id/schedule', status: 'scheduled', call: (api, a) => api.delete(`/articles/${a.id}/schedule`), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 200, admin: 403 } },
  { name: 'POST /articles/:id/publish', status: 'approved', call: (api, a) => api.post(`/articles/${a.id}/publish`), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 200, admin: 403 } },
  { name: 'POST /articles/:id/unpublish', status: 'published', call: (api, a) => api.post(`/articles/${a.id}/unpublish`, { reason: 'Salah tayang.' }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 200, admin: 403 } },
  { name: 'POST /articles/:id/corrections', status: 'published', call: (api, a) => api.post(`/articles/${a.id}/corrections`, { version: a.version, note: 'Ejaan nama diperbaiki.', lead: 'Teras yang benar.' }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 403, admin: 403 } },
  { name: 'GET /schedule', call: (api) => api.get('/schedule'), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 200, scheduler: 200, admin: 403 } },
  { name: 'GET /articles/latest', call: (api) => api.get('/articles/latest'), expect: { anonymous: 200, author: 200, otherReporter: 200, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'GET /articles/popular', call: (api) => api.get('/articles/popular'), expect: { anonymous: 200, author: 200, otherReporter: 200, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'GET /articles/:slug', status: 'published', call: (api, a) => api.get(`/articles/${a.slug}`), expect: { anonymous: 200, author: 200, otherReporter: 200, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'GET /articles/:slug (a draft)', status: 'draft', call: (api, a) => api.get(`/articles/${a.slug}`), expect: { anonymous: 404, author: 404, otherReporter: 404, editor: 404, scheduler: 404, admin: 404 } },
  { name: 'POST /views', status: 'published', call: (api, a) => api.post('/views', { slug: a.slug, visitorId: 'matriks' }), expect: { anonymous: 202, author: 202, otherReporter: 202, editor: 202, scheduler: 202, admin: 202 } },
  { name: 'POST /views/batch', status: 'published', call: (api, a) => api.post('/views/batch', [{ articleId: a.id, visitorId: 'matriks' }]), expect: { anonymous: 202, author: 202, otherReporter: 202, editor: 202, scheduler: 202, admin: 202 } },
  { name: 'GET /rubrics', call: (api) => api.get('/rubrics'), expect: { anonymous: 200, author: 200, otherReporter: 200, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'POST /rubrics', call: (api) => api.post('/rubrics', { slug: `r-${Math.random().toString(36).slice(2, 8)}`, name: 'Rubrik' }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 201, scheduler: 403, admin: 201 } },
  { name: 'POST /users', call: (api) => api.post('/users', { email: `u-${Math.random().toString(36).slice(2, 8)}@newsroom.test`, name: 'Baru', password: 'kata-sandi-panjang', roles: ['reporter'] }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 403, scheduler: 403, admin: 201 } },
  { name: 'GET /users', call: (api) => api.get('/users'), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 403, scheduler: 403, admin: 200 } },
  { name: 'GET /users/me', call: (api) => api.get('/users/me'), expect: { anonymous: 401, author: 200, otherReporter: 200, editor: 200, scheduler: 200, admin: 200 } },
  { name: 'POST /webhooks', call: (api) => api.post('/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['article.published'], secret: 'rahasia-yang-cukup-panjang' }), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 403, scheduler: 403, admin: 201 } },
  { name: 'GET /webhooks', call: (api) => api.get('/webhooks'), expect: { anonymous: 401, author: 403, otherReporter: 403, editor: 403, scheduler: 403, admin: 200 } },
  { name: 'GET /health', call: (api) => api.get('/health'), expect: { anonymous: 200, author: 200, otherReporter: 200, editor: 200, scheduler: 200, admin: 200 } },
];

describe('role matrix: every endpoint x every caller', () => {
  let newsroom: NewsroomProcesses;
  const clients = {} as Record<Caller, ApiClient>;
  let author: Staff;

  beforeAll(async () => {
    await resetDatabase();
    // the gateway alone answers every request; the services would only move articles on behind the test's back
    // POST /webhooks below targets loopback, which only an allowed host may
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'], env: { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    author = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    clients.anonymous = newsroom.api;
    clients.author = author.api;
    clients.otherReporter = (await createStaff(admin, ['reporter'])).api;
    clients.editor = (await createStaff(admin, ['editor'])).api;
    clients.scheduler = (await createStaff(admin, ['scheduler'])).api;
    clients.admin = admin;
  });
  afterAll(() => newsroom?.stop());

  const cells = ENDPOINTS.flatMap((endpoint) => CALLERS.map((caller) => [endpoint.name, caller, endpoint.expect[caller], endpoint] as const));

  it.each(cells)('%s as %s -> %d', async (_, caller, expected, endpoint) => {
    const article = endpoint.status
      ? await insertArticle({
          authorId: author.id,
          status: endpoint.status,
          scheduledFor: endpoint.status === 'scheduled' ? new Date(Date.now() + 3600_000) : null,
        })
      : { id: '00000000-0000-4000-8000-000000000000', slug: 'tidak-ada', version: 1 };
    const res = await endpoint.call(clients[caller], article);
    expect(res.status).toBe(expected);
  });
});
