import fc from 'fast-check';
import {
  ApiClient,
  createStaff,
  ensureRubric,
  FuzzOperation,
  FuzzRequest,
  insertArticle,
  jsonOperations,
  LEAK_PATTERNS,
  NewsroomProcesses,
  OpenApiDocument,
  queryTestDatabase,
  requestsFor,
  resetDatabase,
  Staff,
} from '@newsroom/testing';

/**
 * Every JSON operation of the whole contract (the one origin's /docs, both
 * apps), fuzzed from its schema: no 5xx, no stack trace or driver text in an
 * answer, and nothing stored on a 4xx. The run is bounded and seeded
 * (NEWSROOM_FUZZ_RUNS cases per operation, NEWSROOM_FUZZ_SEED), so CI is
 * repeatable; a longer run with other seeds explores further.
 */
const RUNS = Number(process.env.NEWSROOM_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.NEWSROOM_FUZZ_SEED ?? 20261206);
/** about 25 ms a case on this 2-core machine; the bound leaves room for a busy CI */
const RUN_TIMEOUT_MS = 120_000 + RUNS * 60 * 100;

/**
 * Operations the fuzzer would end its own session with: every later case
 * would be a 401, which tests nothing. Logout and the password change have
 * suites of their own (sessions, staff-lifecycle).
 */
const OWN_SESSION = new Set(['POST /auth/logout', 'POST /auth/logout-all', 'POST /auth/password', 'PATCH /auth/password']);

/**
 * Tables that change without a request: the outbox relay marks what it has
 * queued, after the request that wrote the row has answered.
 */
const CHANGED_IN_THE_BACKGROUND = new Set(['outbox_events', 'mikro_orm_migrations']);

describe('schema-driven fuzzing of every JSON operation', () => {
  let newsroom: NewsroomProcesses;
  let fuzzer: Staff;
  let doc: OpenApiDocument;
  let fingerprintSql: string;
  const known: Record<string, string[]> = {};

  beforeAll(async () => {
    await resetDatabase();
    // the site in front and the gateway behind it: the whole HTTP contract, as `npm start` serves it
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    // every role, so that cases get past the role checks into the services
    fuzzer = await createStaff(admin, ['reporter', 'editor', 'scheduler', 'admin']);
    const other = await createStaff(admin, ['reporter']);
    const articles = await Promise.all(
      ['draft', 'submitted', 'in_review', 'approved', 'scheduled', 'published', 'unpublished'].map((status) =>
        insertArticle({ authorId: other.id, status, scheduledFor: status === 'scheduled' ? new Date(Date.now() + 86_400_000) : undefined }),
      ),
    );
    const own = await insertArticle({ authorId: fuzzer.id, status: 'draft' });
    const ids = [...articles, own].map((a) => a.id);
    const slugs = [...articles, own].map((a) => a.slug);
    for (const name of ['id', 'articleId', 'draftId', 'revisionId']) known[name] = ids;
    known.slug = [...slugs, 'dunia'];
    known.userId = [other.id];
    known.tag = ['korea-utara'];

    doc = (await newsroom.api.get('/docs/openapi.json')).body;
    const tables = await queryTestDatabase<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    );
    // one statement: each table's row count and a hash of its rows
    fingerprintSql = tables
      .filter((t) => !CHANGED_IN_THE_BACKGROUND.has(t.name))
      .map((t) => `select '${t.name}' as name, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text as print from "${t.name}" x`)
      .join(' union all ');
  });

  afterAll(async () => {
    await newsroom?.stop();
  });

  async function fingerprint(): Promise<Record<string, string>> {
    const rows = await queryTestDatabase<{ name: string; print: string }>(fingerprintSql);
    return Object.fromEntries(rows.map((r) => [r.name, r.print]));
  }

  async function send(api: ApiClient, request: FuzzRequest) {
    return api.request(request.method, request.url, request.body, request.body === undefined ? {} : { 'content-type': 'application/json' });
  }

  it('finds the contract large enough to be worth fuzzing', () => {
    const operations = jsonOperations(doc);
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.filter((o) => o.body).length).toBeGreaterThan(15);
  });

  it('answers every case below 500, with no stack trace, and stores nothing on a 4xx', async () => {
    const operations = jsonOperations(doc).filter((o) => !OWN_SESSION.has(`${o.method} ${o.path}`));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const operation of operations) {
      const outcome = await fc.check(
        fc.asyncProperty(requestsFor(operation, doc, known), async (request) => {
          const before = await fingerprint();
          const res = await send(fuzzer.api, request);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status).toBeLessThan(500);
          for (const leak of LEAK_PATTERNS) expect(res.text).not.toMatch(leak);
          if (res.status >= 400) expect(await fingerprint()).toEqual(before);
          // a request the document allows may be refused for what no schema can say (a stale version, a state),
          // never by the validators: that would be a rule the document does not state
          if (request.kind === 'valid' && res.status === 400) expect(res.body).not.toMatchObject({ message: expect.any(Array) });
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      if (outcome.failed) failures.push(report(operation, outcome));
    }
    // every operation answered, some cases got through to the services and some were refused
    console.log(`schema fuzz: ${operations.length} operations x ${RUNS} cases (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
  }, RUN_TIMEOUT_MS);
});

function report(operation: FuzzOperation, outcome: fc.RunDetails<[FuzzRequest]>): string {
  const [request] = outcome.counterexample ?? [];
  const error = outcome.errorInstance instanceof Error ? outcome.errorInstance.message.split('\n').slice(0, 6).join(' ') : String(outcome.errorInstance);
  return `${operation.method} ${operation.path}: ${JSON.stringify(request)?.slice(0, 600)} -> ${error.slice(0, 600)}`;
}
