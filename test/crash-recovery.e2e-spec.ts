import { QueueName } from '@newsroom/contracts';
import { createStaff, ensureRubric, eventually, NewsroomProcesses, queryTestDatabase, resetDatabase, seedArticleInput, Staff } from '@newsroom/testing';

const DRAFTS = 100;

/**
 * A service killed with SIGKILL in the middle of its work loses nothing and
 * does nothing twice: BullMQ hands the jobs it held to the restarted service,
 * and each job's guarded transition makes a second delivery a no-op.
 */
describe('the draft-submission service killed mid-work', () => {
  let newsroom: NewsroomProcesses;
  let reporter: Staff;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'drafts'] });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
  });
  afterAll(() => newsroom?.stop());

  it('checks every submitted draft exactly once after a SIGKILL and a restart', async () => {
    const ids: string[] = [];
    for (let i = 0; i < DRAFTS; i++) {
      const res = await reporter.api.post('/drafts', seedArticleInput({ headline: `Kabar Dunia Nomor ${i + 1}` }));
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    await Promise.all(ids.map(async (id) => expect((await reporter.api.post(`/drafts/${id}/submit`)).status).toBe(202)));

    const inReview = async () =>
      (await queryTestDatabase<{ n: number }>(`select count(*)::int as n from articles where status = 'in_review'`))[0].n;
    await eventually(async () => (await inReview()) > 0, { intervalMs: 5, what: 'the first draft to reach review' });
    await newsroom.stopApp('drafts', 'SIGKILL');
    const doneAtKill = await inReview();
    expect(doneAtKill).toBeLessThan(DRAFTS); // the kill really came mid-work

    await newsroom.startApp('drafts');
    await eventually(async () => (await inReview()) === DRAFTS, { timeoutMs: 60_000, intervalMs: 200, what: 'every draft to reach review' });
    await newsroom.waitForQueuesToDrain({ queues: [QueueName.DraftSubmission] });

    const events = await queryTestDatabase<{ article_id: string; n: number }>(
      `select article_id, count(*)::int as n from article_events where type = 'review_started' group by article_id`,
    );
    expect(events).toHaveLength(DRAFTS);
    expect(events.every((e) => e.n === 1)).toBe(true);
    const versions = await queryTestDatabase<{ version: number }>(`select distinct version from articles`);
    expect(versions).toHaveLength(1); // every article went through the same steps, once each
  });
});
