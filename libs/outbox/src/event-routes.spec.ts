import { EventType, isWebhookEventType, JobName, JOB_QUEUE, PAYLOAD_SCHEMA_VERSION, QueueName } from '@newsroom/contracts';
import type { ArticleView } from '@newsroom/contracts';
import { jobsForEvent, OutboxRecord, publishJobId } from './event-routes';

const now = new Date('2026-11-29T10:00:00Z');
const article = { id: 'a1', version: 4, scheduledFor: '2026-11-29T10:00:30Z' } as OutboxRecord['payload']['article'];
const event = (type: EventType, payload: OutboxRecord['payload'] = { article }): OutboxRecord => ({ id: 'e1', type, articleId: 'a1', payload, occurredAt: now });

describe('jobsForEvent', () => {
  it('turns a submission into the submission check for exactly that version', () => {
    expect(jobsForEvent(event(EventType.DraftSubmitted), now)).toEqual([
      { name: JobName.CheckSubmission, data: { schema: PAYLOAD_SCHEMA_VERSION, articleId: 'a1', version: 4 }, opts: { jobId: 'check-a1-4' } },
    ]);
  });

  it('turns a schedule into a delayed publish job keyed by article and version', () => {
    const [job] = jobsForEvent(event(EventType.ArticleScheduled), now);
    expect(job).toEqual({
      name: JobName.PublishArticle,
      data: { schema: PAYLOAD_SCHEMA_VERSION, articleId: 'a1', version: 4, scheduledFor: '2026-11-29T10:00:30Z' },
      opts: { jobId: publishJobId('a1', 4), delay: 30_000 },
    });
  });

  it('turns a scheduled revision of a live article into the same delayed publish job, keyed by the revision', () => {
    expect(jobsForEvent(event(EventType.ArticleUpdateScheduled), now)).toEqual(jobsForEvent(event(EventType.ArticleScheduled), now));
  });

  it('never delays a publish that is already due', () => {
    const [job] = jobsForEvent(event(EventType.ArticleScheduled, { article: { ...article!, scheduledFor: '2026-11-29T09:00:00Z' } }), now);
    expect(job.opts?.delay).toBe(0);
  });

  it('turns a claim into an announcement and a claim expiry at the lease end', () => {
    const jobs = jobsForEvent(event(EventType.ReviewClaimed, { claim: { editorId: 'ed', expiresAt: '2026-11-29T10:15:00Z' } }), now);
    expect(jobs.map((j) => j.name)).toEqual([JobName.AnnounceQueueChange, JobName.ExpireClaim]);
    expect(jobs[1].opts).toEqual({ jobId: `expire-a1-${Date.parse('2026-11-29T10:15:00Z')}`, delay: 15 * 60_000 });
  });

  it.each([
    [EventType.ReviewApproved, 'left'],
    [EventType.ReviewRejected, 'left'],
    [EventType.ReviewEntered, 'entered'],
    [EventType.ReviewReleased, 'released'],
    [EventType.ReviewClaimExpired, 'expired'],
  ])('announces %s to the desk as %s', (type, change) => {
    expect(jobsForEvent(event(type), now)[0]).toMatchObject({ name: JobName.AnnounceQueueChange, data: { change } });
  });

  it('tells the views service when an article appears, disappears or is corrected (its rubric may have changed)', () => {
    expect(jobsForEvent(event(EventType.ArticlePublished), now)[0]).toMatchObject({ data: { published: true } });
    expect(jobsForEvent(event(EventType.ArticleUnpublished), now)[0]).toMatchObject({ data: { published: false } });
    expect(jobsForEvent(event(EventType.ArticleCorrected), now)).toEqual([
      { name: JobName.ArticleVisibilityChanged, data: { schema: PAYLOAD_SCHEMA_VERSION, articleId: 'a1', published: true }, opts: { jobId: 'visibility-e1' } },
    ]);
    // a revision gone live changed what readers see just as a correction does
    expect(jobsForEvent(event(EventType.ArticleUpdated), now)).toEqual(jobsForEvent(event(EventType.ArticleCorrected), now));
  });

  it('derives every job id from the event, so relaying twice adds nothing new', () => {
    for (const type of Object.values(EventType)) {
      const first = jobsForEvent(event(type, { article, claim: { editorId: 'ed', expiresAt: '2026-11-29T10:15:00Z' } }), now);
      const again = jobsForEvent(event(type, { article, claim: { editorId: 'ed', expiresAt: '2026-11-29T10:15:00Z' } }), new Date(now.getTime() + 5000));
      expect(again.map((j) => j.opts?.jobId)).toEqual(first.map((j) => j.opts?.jobId));
      for (const job of first) expect(job.opts?.jobId).not.toContain(':');
    }
  });
});

describe('edge purges (NEWSROOM_EDGE_PURGE_URL set)', () => {
  const edge = { edgePurge: true };
  const published = { ...article, slug: 'banjir-rob', rubric: { slug: 'dunia', name: 'Dunia' } } as ArticleView;
  const purges = (type: EventType, payload: OutboxRecord['payload'] = { article: published }, routing = edge) =>
    jobsForEvent(event(type, payload), now, routing).filter((j) => j.name === JobName.PurgeEdge);

  it.each([EventType.ArticlePublished, EventType.ArticleUnpublished, EventType.ArticleCorrected, EventType.ArticleUpdated])(
    'purges the article, its rubric and every list that may hold it after %s, now and again at 0.5 s and 2 s for pages that reached the edge meanwhile',
    (type) => {
      // missing-<slug>: a 404 the edge kept for the slug before the article was published there
      const keys = ['article-a1', 'rubric-dunia', 'latest', 'popular', 'home', 'missing-banjir-rob'];
      expect(purges(type)).toEqual([
        { name: JobName.PurgeEdge, data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: 'e1', keys }, opts: { jobId: 'edge-purge-e1' } },
        { name: JobName.PurgeEdge, data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: 'e1', keys }, opts: { jobId: 'edge-purge-e1-after-500ms', delay: 500 } },
        { name: JobName.PurgeEdge, data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: 'e1', keys }, opts: { jobId: 'edge-purge-e1-after-2000ms', delay: 2000 } },
      ]);
      expect(JOB_QUEUE[JobName.PurgeEdge]).toBe(QueueName.EdgePurge);
    },
  );

  it('also purges the rubric a correction moved the article out of', () => {
    const [job] = purges(EventType.ArticleCorrected, { article: { ...published, rubric: { slug: 'ekonomi', name: 'Ekonomi' } }, rubricBefore: 'dunia' });
    expect((job.data as { keys: string[] }).keys).toEqual(expect.arrayContaining(['rubric-ekonomi', 'rubric-dunia', 'article-a1', 'home']));
  });

  it('purges every page\'s navigation after a new rubric, now and again at 0.5 s and 2 s, and nothing else happens', () => {
    const created: OutboxRecord = { id: 'e2', type: EventType.RubricCreated, articleId: null, payload: { rubric: { slug: 'olahraga', name: 'Olahraga' } }, occurredAt: now };
    const keys = ['rubrics', 'home'];
    expect(jobsForEvent(created, now, edge)).toEqual([
      { name: JobName.PurgeEdge, data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: 'e2', keys }, opts: { jobId: 'edge-purge-e2' } },
      { name: JobName.PurgeEdge, data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: 'e2', keys }, opts: { jobId: 'edge-purge-e2-after-500ms', delay: 500 } },
      { name: JobName.PurgeEdge, data: { schema: PAYLOAD_SCHEMA_VERSION, eventId: 'e2', keys }, opts: { jobId: 'edge-purge-e2-after-2000ms', delay: 2000 } },
    ]);
    expect(jobsForEvent(created, now, { edgePurge: false })).toEqual([]);
    expect(isWebhookEventType(EventType.RubricCreated)).toBe(false);
  });

  it('purges nothing for events readers cannot see', () => {
    const visible: EventType[] = [EventType.ArticlePublished, EventType.ArticleUnpublished, EventType.ArticleCorrected, EventType.ArticleUpdated, EventType.RubricCreated];
    for (const type of Object.values(EventType).filter((t) => !visible.includes(t))) {
      expect(purges(type)).toEqual([]);
    }
  });

  it('produces no purge job at all when the edge purge URL is unset', () => {
    for (const type of Object.values(EventType)) {
      expect(purges(type, { article: published }, { edgePurge: false })).toEqual([]);
      expect(jobsForEvent(event(type, { article: published }), now).some((j) => j.name === JobName.PurgeEdge)).toBe(false);
    }
  });

  it('keeps the purge job ids free of ":" and the same on every relay of the event', () => {
    const first = purges(EventType.ArticleCorrected).map((j) => j.opts?.jobId);
    const again = jobsForEvent(event(EventType.ArticleCorrected, { article: published }), new Date(now.getTime() + 60_000), edge)
      .filter((j) => j.name === JobName.PurgeEdge)
      .map((j) => j.opts?.jobId);
    expect(again).toEqual(first);
    for (const id of first) expect(id).not.toContain(':');
  });
});

describe('the job registry', () => {
  it('gives every job name exactly one queue', () => {
    for (const name of Object.values(JobName)) expect(Object.values(QueueName)).toContain(JOB_QUEUE[name]);
  });

  it('keeps the view-counting queue for view batches, so nothing else waits behind a backlog of them', () => {
    const onCounting = Object.values(JobName).filter((name) => JOB_QUEUE[name] === QueueName.ViewCounting);
    expect(onCounting).toEqual([JobName.CountViews]);
    for (const name of [JobName.FlushViewCounts, JobName.ArticleVisibilityChanged, JobName.PruneViewFlushes]) expect(JOB_QUEUE[name]).toBe(QueueName.ViewUpkeep);
  });
});
