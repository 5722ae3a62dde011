import { ApiClient, createStaff, ensureRubric, insertArticle, NewsroomProcesses, resetDatabase, Staff } from '@newsroom/testing';

/**
 * The ownership dimension of the role matrix (role-matrix.e2e-spec.ts has every
 * endpoint x every role): each endpoint that acts on one article, called by each
 * caller on an article they wrote ("own") and on one another reporter wrote
 * ("other"). An editor who wrote the article is the four-eyes case: they may
 * edit, claim or send it back, but never approve it. `writingEditor` holds both
 * roles (so they can write drafts through the API); `editor` wrote theirs while
 * still a reporter (the article is put in the database for them).
 */
type Caller = 'anonymous' | 'reporter' | 'writingEditor' | 'editor' | 'scheduler' | 'admin';
type Ownership = 'own' | 'other';
/** a status, or a status with the domain error code the answer must carry */
type Expected = number | [number, string];

const FOUR_EYES: Expected = [403, 'REVIEW.OWN_ARTICLE'];

interface Endpoint {
  name: string;
  /** the status the article is in before the call (a fresh article per cell) */
  status: string;
  call: (api: ApiClient, article: { id: string; version: number }) => Promise<{ status: number; body: { code?: string } }>;
  /** per caller: [own, other]; callers who cannot write an article have only `other` */
  expect: Record<Caller, { own?: Expected; other: Expected }>;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /drafts/:id',
    status: 'draft',
    call: (api, a) => api.get(`/drafts/${a.id}`),
    expect: { anonymous: { other: 401 }, reporter: { own: 200, other: 404 }, writingEditor: { own: 200, other: 200 }, editor: { own: 200, other: 200 }, scheduler: { other: 200 }, admin: { other: 200 } },
  },
  {
    name: 'PATCH /drafts/:id (a draft)',
    status: 'draft',
    call: (api, a) => api.patch(`/drafts/${a.id}`, { version: a.version, lead: 'Teras baru.' }),
    expect: { anonymous: { other: 401 }, reporter: { own: 200, other: 404 }, writingEditor: { own: 200, other: 200 }, editor: { own: 200, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'PATCH /drafts/:id (in review)',
    status: 'in_review',
    call: (api, a) => api.patch(`/drafts/${a.id}`, { version: a.version, lead: 'Teras baru.' }),
    expect: { anonymous: { other: 401 }, reporter: { own: 422, other: 404 }, writingEditor: { own: 200, other: 200 }, editor: { own: 200, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /drafts/:id/submit',
    status: 'draft',
    call: (api, a) => api.post(`/drafts/${a.id}/submit`),
    expect: { anonymous: { other: 401 }, reporter: { own: 202, other: 404 }, writingEditor: { own: 202, other: 403 }, editor: { own: 202, other: 403 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /drafts/:id/withdraw',
    status: 'in_review',
    call: (api, a) => api.post(`/drafts/${a.id}/withdraw`),
    expect: { anonymous: { other: 401 }, reporter: { own: 200, other: 404 }, writingEditor: { own: 200, other: 200 }, editor: { own: 200, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /review-queue/:id/claim',
    status: 'in_review',
    call: (api, a) => api.post(`/review-queue/${a.id}/claim`),
    expect: { anonymous: { other: 401 }, reporter: { own: 403, other: 403 }, writingEditor: { own: FOUR_EYES, other: 200 }, editor: { own: FOUR_EYES, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /review-queue/:id/release',
    status: 'in_review',
    call: (api, a) => api.post(`/review-queue/${a.id}/release`),
    expect: { anonymous: { other: 401 }, reporter: { own: 403, other: 403 }, writingEditor: { own: 200, other: 200 }, editor: { own: 200, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /review-queue/:id/approve',
    status: 'in_review',
    call: (api, a) => api.post(`/review-queue/${a.id}/approve`, { version: a.version }),
    expect: { anonymous: { other: 401 }, reporter: { own: 403, other: 403 }, writingEditor: { own: FOUR_EYES, other: 200 }, editor: { own: FOUR_EYES, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /review-queue/:id/request-changes',
    status: 'in_review',
    call: (api, a) => api.post(`/review-queue/${a.id}/request-changes`, { version: a.version, comment: 'Tambahkan sumber.' }),
    expect: { anonymous: { other: 401 }, reporter: { own: 403, other: 403 }, writingEditor: { own: FOUR_EYES, other: 200 }, editor: { own: FOUR_EYES, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /review-queue/:id/reject',
    status: 'in_review',
    call: (api, a) => api.post(`/review-queue/${a.id}/reject`, { version: a.version, comment: 'Bukan berita.' }),
    expect: { anonymous: { other: 401 }, reporter: { own: 403, other: 403 }, writingEditor: { own: FOUR_EYES, other: 200 }, editor: { own: FOUR_EYES, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
  {
    name: 'POST /articles/:id/corrections',
    status: 'published',
    call: (api, a) => api.post(`/articles/${a.id}/corrections`, { version: a.version, note: 'Ejaan nama diperbaiki.' }),
    expect: { anonymous: { other: 401 }, reporter: { own: 403, other: 403 }, writingEditor: { own: FOUR_EYES, other: 200 }, editor: { own: FOUR_EYES, other: 200 }, scheduler: { other: 403 }, admin: { other: 403 } },
  },
];

describe('desk authorization: every article endpoint x every caller x own or another\'s article', () => {
  let newsroom: NewsroomProcesses;
  const clients = {} as Record<Caller, ApiClient>;
  const ids = {} as Record<Caller, string>;
  let otherAuthor: Staff;

  beforeAll(async () => {
    await resetDatabase();
    // the gateway alone answers every request; the services would move articles on behind the test's back
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    otherAuthor = await createStaff(admin, ['reporter'], 'Wartawan Lain');
    const staff: [Exclude<Caller, 'anonymous' | 'admin'>, string[]][] = [
      ['reporter', ['reporter']],
      ['writingEditor', ['reporter', 'editor']],
      ['editor', ['editor']],
      ['scheduler', ['scheduler']],
    ];
    for (const [caller, roles] of staff) {
      const person = await createStaff(admin, roles);
      clients[caller] = person.api;
      ids[caller] = person.id;
    }
    clients.anonymous = newsroom.api;
    clients.admin = admin;
  });
  afterAll(() => newsroom?.stop());

  const cells = ENDPOINTS.flatMap((endpoint) =>
    (Object.keys(endpoint.expect) as Caller[]).flatMap((caller) =>
      (['own', 'other'] as Ownership[])
        .filter((ownership) => endpoint.expect[caller][ownership] !== undefined)
        .map((ownership) => [endpoint.name, caller, ownership, endpoint.expect[caller][ownership] as Expected, endpoint] as const),
    ),
  );

  it('covers every caller on every endpoint, and own articles for everyone who can write one', () => {
    for (const endpoint of ENDPOINTS) {
      expect(Object.keys(endpoint.expect).sort()).toEqual(['admin', 'anonymous', 'editor', 'reporter', 'scheduler', 'writingEditor']);
      for (const caller of ['reporter', 'writingEditor', 'editor'] as Caller[]) expect(endpoint.expect[caller].own).toBeDefined();
    }
  });

  it.each(cells)('%s as %s on %s article -> %p', async (_, caller, ownership, expected, endpoint) => {
    const authorId = ownership === 'own' ? ids[caller] : otherAuthor.id;
    const article = await insertArticle({ authorId, status: endpoint.status });
    const res = await endpoint.call(clients[caller], article);
    const [status, code] = Array.isArray(expected) ? expected : [expected, undefined];
    expect(res.status).toBe(status);
    if (code) expect(res.body.code).toBe(code);
  });
});
