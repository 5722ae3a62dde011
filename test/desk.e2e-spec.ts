import { ApiClient, createStaff, ensureRubric, eventually, freePort, NewsroomProcesses, resetDatabase, seedArticleInput, SseClient, SseMessage, Staff } from '@newsroom/testing';
import { randomBytes } from 'node:crypto';

/** An editor whose raw token the test needs (an SSE stream opened against either gateway). */
interface Editor {
  id: string;
  name: string;
  token: string;
}

async function hireEditor(newsroom: NewsroomProcesses, admin: ApiClient, name: string): Promise<Editor> {
  const email = `editor-${randomBytes(4).toString('hex')}@newsroom.test`;
  const password = `rahasia-${randomBytes(4).toString('hex')}`;
  const created = await admin.post('/users', { email, name, password, roles: ['editor'] });
  if (created.status !== 201) throw new Error(`creating ${email} failed: ${created.status} ${created.text}`);
  const login = await newsroom.api.post('/auth/login', { email, password });
  return { id: created.body.id, name, token: login.body.accessToken };
}

/** The content fields of a published article as readers get them, and of a revision as staff get it, in one shape. */
const publicContent = (a: { headline: string; lead: string | null; body: string; rubric: { slug: string }; image: unknown; tags: string[] }) => ({
  headline: a.headline,
  lead: a.lead,
  body: a.body,
  rubric: a.rubric.slug,
  image: a.image,
  tags: a.tags,
});
const revisionContent = (r: { headline: string; lead: string | null; body: string; rubric: string; image: unknown; tags: string[] }) => ({
  headline: r.headline,
  lead: r.lead,
  body: r.body,
  rubric: r.rubric,
  image: r.image,
  tags: r.tags,
});

/** Generous against the contract's "within a second": other suites may be loading this machine meanwhile. */
const WITHIN_A_SECOND_MS = 1500;

/**
 * The desk as editors live in it, with the real services: drafts entering the
 * queue from the draft-submission service, changes reaching every editor on any
 * gateway replica, claims running out by themselves, and what goes live being
 * exactly what an editor approved.
 */
describe('the editorial desk, end to end (two gateways, drafts, review, publisher)', () => {
  let newsroom: NewsroomProcesses;
  let secondGateway: string;
  let reporter: Staff;
  let otherReporter: Staff;
  let scheduler: Staff;
  let editorA: Editor & { api: ApiClient };
  let editorB: Editor & { api: ApiClient };

  beforeAll(async () => {
    await resetDatabase();
    // Short claims (the lowest the gateway accepts), so an expiry happens inside the test.
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'drafts', 'review', 'publisher'], env: { NEWSROOM_CLAIM_TTL_SECONDS: '5' } });
    const port = await freePort();
    await newsroom.startApp('gateway', { key: 'gateway#2', env: { PORT: String(port) } });
    secondGateway = `http://127.0.0.1:${port}`;
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    otherReporter = await createStaff(admin, ['reporter'], 'Bima Prasetyo');
    scheduler = await createStaff(admin, ['scheduler'], 'Penjadwal Pagi');
    const a = await hireEditor(newsroom, admin, 'Redaktur Satu');
    const b = await hireEditor(newsroom, admin, 'Redaktur Dua');
    editorA = { ...a, api: newsroom.api.as(a.token) };
    // editor B works through the second gateway replica
    editorB = { ...b, api: new ApiClient(secondGateway, b.token) };
  });
  afterAll(() => newsroom?.stop());

  async function submitAndWaitForReview(headline: string): Promise<{ id: string; slug: string; version: number }> {
    const created = await reporter.api.post('/drafts', seedArticleInput({ headline }));
    expect(created.status).toBe(201);
    expect((await reporter.api.post(`/drafts/${created.body.id}/submit`)).status).toBe(202);
    return eventually(
      async () => {
        const res = await editorA.api.get(`/drafts/${created.body.id}`);
        return res.body.status === 'in_review' ? res.body : undefined;
      },
      { what: `${headline} to enter review` },
    );
  }

  it('tells every editor, on either gateway replica, of each kind of queue change within a second', async () => {
    const onFirst = await SseClient.open(`${newsroom.baseUrl}/review-queue/stream`, { authorization: `Bearer ${editorA.token}` });
    const onSecond = await SseClient.open(`${secondGateway}/review-queue/stream?access_token=${encodeURIComponent(editorB.token)}`);
    const streams = [onFirst, onSecond];
    try {
      expect(streams.map((s) => s.status)).toEqual([200, 200]);
      await eventually(() => streams.every((s) => s.commentCount > 0), { what: 'both streams to open' });
      let articleId = '';

      /** Waits for `change` about the article on both streams; returns the data and when each stream got it. */
      const seenOnBoth = async (change: string, since: number, timeoutMs = 5000) => {
        const messages: SseMessage[] = await Promise.all(
          streams.map((s) => s.waitFor((m) => m.event === change && JSON.parse(m.data).articleId === articleId, { since, timeoutMs, what: `a ${change} event` })),
        );
        return { data: JSON.parse(messages[0].data), receivedAt: messages.map((m) => m.receivedAt) };
      };
      /** Does `act` and expects `change` on both streams within a second of the request. */
      const expectChange = async (change: string, act: () => Promise<{ status: number }>) => {
        const since = Date.now();
        expect((await act()).status).toBe(200);
        const seen = await seenOnBoth(change, since);
        for (const at of seen.receivedAt) expect(at - since).toBeLessThan(WITHIN_A_SECOND_MS);
        return seen.data;
      };

      // entered: the draft-submission service hands a submitted draft to review.
      const submittedAt = Date.now();
      const inReview = await submitAndWaitForReview(`Kereta Cepat Tambah Jadwal ${randomBytes(2).toString('hex')}`);
      articleId = inReview.id;
      const entered = await seenOnBoth('entered', submittedAt);
      const history = (await editorA.api.get(`/drafts/${articleId}/history`)).body as { type: string; at: string }[];
      const reviewStarted = Date.parse(history.find((e) => e.type === 'review_started')!.at);
      for (const at of entered.receivedAt) expect(at - reviewStarted).toBeLessThan(WITHIN_A_SECOND_MS);
      expect(entered.data).toMatchObject({ change: 'entered', item: { article: { id: articleId, version: inReview.version, author: { id: reporter.id } }, claimedBy: null } });

      // changed: an editor's edit while it is in review (through the first gateway).
      const changed = await expectChange('changed', () => editorA.api.patch(`/drafts/${articleId}`, { version: inReview.version, lead: 'Teras yang dirapikan redaktur.' }));
      expect(changed.item.article.version).toBe(inReview.version + 1);

      // claimed and released, then claimed through the second gateway.
      const claimed = await expectChange('claimed', () => editorA.api.post(`/review-queue/${articleId}/claim`));
      expect(claimed.item.claimedBy).toEqual({ id: editorA.id, name: 'Redaktur Satu' });
      const released = await expectChange('released', () => editorA.api.post(`/review-queue/${articleId}/release`));
      expect(released.item.claimedBy).toBeNull();
      const claimedByB = await expectChange('claimed', () => editorB.api.post(`/review-queue/${articleId}/claim`));
      expect(claimedByB.item.claimedBy).toEqual({ id: editorB.id, name: 'Redaktur Dua' });

      // expired: nobody sends a request; the lease runs out and both desks hear of it.
      const expiresAt = Date.parse(claimedByB.item.claimExpiresAt);
      const expired = await seenOnBoth('expired', Date.now(), 10_000);
      for (const at of expired.receivedAt) expect(at).toBeGreaterThanOrEqual(expiresAt - 50);
      for (const at of expired.receivedAt) expect(at - expiresAt).toBeLessThan(WITHIN_A_SECOND_MS);
      expect(expired.data.item).toMatchObject({ claimedBy: null, claimExpiresAt: null });

      // left: a decision takes it out of the queue.
      const left = await expectChange('left', () =>
        editorA.api.post(`/review-queue/${articleId}/request-changes`, { version: inReview.version + 1, comment: 'Tambahkan tanggapan operator kereta.' }),
      );
      expect(left).toMatchObject({ change: 'left', articleId, item: null });
      expect(streams.map((s) => s.messages.filter((m) => JSON.parse(m.data).articleId === articleId).map((m) => m.event))).toEqual([
        ['entered', 'changed', 'claimed', 'released', 'claimed', 'expired', 'left'],
        ['entered', 'changed', 'claimed', 'released', 'claimed', 'expired', 'left'],
      ]);

      // The reporter (and only they, of the reporters) finds it back on their desk, with the editor's words.
      const mine = (await reporter.api.get('/drafts?status=changes_requested')).body as { id: string; status: string }[];
      expect(mine.map((a) => a.id)).toContain(articleId);
      expect((await otherReporter.api.get('/drafts')).body.map((a: { id: string }) => a.id)).not.toContain(articleId);
      const told = ((await reporter.api.get(`/drafts/${articleId}/history`)).body as { type: string }[]).at(-1);
      expect(told).toMatchObject({ type: 'changes_requested', actor: { id: editorA.id, name: 'Redaktur Satu' }, from: 'in_review', to: 'changes_requested', comment: 'Tambahkan tanggapan operator kereta.' });
    } finally {
      streams.forEach((s) => s.close());
    }
  });

  it('publishes exactly what was approved: an edit after approval, even once scheduled, needs a new approval', async () => {
    const inReview = await submitAndWaitForReview(`Pelabuhan Patimban Mulai Beroperasi ${randomBytes(2).toString('hex')}`);
    const approved = await editorA.api.post(`/review-queue/${inReview.id}/approve`, { version: inReview.version, comment: 'Layak tayang.' });
    expect(approved.body).toMatchObject({ status: 'approved', approvedVersion: inReview.version });
    const firstSlot = Date.now() + 3000;
    const scheduled = await scheduler.api.post(`/articles/${inReview.id}/schedule`, { publishAt: new Date(firstSlot).toISOString() });
    expect(scheduled.body.status).toBe('scheduled');

    // An editor changes the approved text before its slot: it goes back to review and off the schedule.
    const edited = await editorB.api.patch(`/drafts/${inReview.id}`, { version: scheduled.body.version, lead: 'Teras baru yang belum disetujui siapa pun.' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'in_review', approvedVersion: null, scheduledFor: null });
    // The old approval does not carry over to the new text.
    expect((await editorA.api.post(`/review-queue/${inReview.id}/approve`, { version: inReview.version })).status).toBe(409);
    expect((await scheduler.api.post(`/articles/${inReview.id}/schedule`, { publishAt: new Date(Date.now() + 60_000).toISOString() })).status).toBe(422);
    await new Promise((r) => setTimeout(r, firstSlot + 1500 - Date.now()));
    expect((await newsroom.api.get(`/articles/${inReview.slug}`)).status).toBe(404);

    // Approved again, at the edited version, and scheduled: that content, and only it, goes live.
    const reapproved = await editorA.api.post(`/review-queue/${inReview.id}/approve`, { version: edited.body.version });
    expect(reapproved.body).toMatchObject({ status: 'approved', approvedVersion: edited.body.version });
    expect((await scheduler.api.post(`/articles/${inReview.id}/schedule`, { publishAt: new Date(Date.now() + 1500).toISOString() })).status).toBe(200);
    const live = await eventually(
      async () => {
        const res = await newsroom.api.get(`/articles/${inReview.slug}`);
        return res.status === 200 ? res.body : undefined;
      },
      { what: 'the article to go live' },
    );

    const revisions = (await editorA.api.get(`/drafts/${inReview.id}/revisions`)).body as { version: number }[];
    const atApproval = revisions.find((r) => r.version === edited.body.version);
    expect(atApproval).toBeDefined();
    expect(publicContent(live)).toEqual(revisionContent(atApproval as never));
    expect(live.lead).toBe('Teras baru yang belum disetujui siapa pun.');
    const staffView = (await editorA.api.get(`/drafts/${inReview.id}`)).body;
    expect(staffView).toMatchObject({ status: 'published', approvedVersion: edited.body.version });
    const types = ((await editorA.api.get(`/drafts/${inReview.id}/history`)).body as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(['created', 'submitted', 'review_started', 'approved', 'scheduled', 'unscheduled', 'updated', 'approved', 'scheduled', 'published']);
  });
});
