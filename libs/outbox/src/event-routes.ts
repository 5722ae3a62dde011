import {
  ArticleView,
  EventType,
  JobName,
  PAYLOAD_SCHEMA_VERSION,
  QueueChange,
  SurrogateKey,
  surrogateKeysOfArticleChange,
  surrogateKeysOfRubricChange,
} from '@newsroom/contracts';
import type { Enqueue } from '@newsroom/queue';

/** What an outbox row carries (see ArticleJournal.announce). */
export interface OutboxRecord {
  id: string;
  type: string;
  articleId: string | null;
  payload: {
    article?: ArticleView;
    claim?: { editorId: string; expiresAt: string };
    /** a correction that moved the article: the rubric it left (its pages listed the article) */
    rubricBefore?: string;
    [key: string]: unknown;
  };
  occurredAt: Date;
}

const QUEUE_CHANGES: Partial<Record<EventType, QueueChange>> = {
  [EventType.ReviewEntered]: 'entered',
  [EventType.ReviewClaimed]: 'claimed',
  [EventType.ReviewReleased]: 'released',
  [EventType.ReviewClaimExpired]: 'expired',
  [EventType.ReviewChanged]: 'changed',
  [EventType.ReviewApproved]: 'left',
  [EventType.ReviewChangesRequested]: 'left',
  [EventType.ReviewRejected]: 'left',
  [EventType.ReviewWithdrawn]: 'left',
};

const schema = PAYLOAD_SCHEMA_VERSION;

/** What routing depends on besides the event: the deployment's settings. */
export interface EventRouting {
  /** NEWSROOM_EDGE_PURGE_URL is set: changes of public content purge the edge cache */
  edgePurge: boolean;
}

const NO_EDGE: EventRouting = { edgePurge: false };

/**
 * The events after which readers must see something else: the article's page
 * and JSON, its rubric's pages and the lists that held it change.
 */
const PUBLIC_CONTENT_CHANGES: ReadonlySet<string> = new Set([
  EventType.ArticlePublished,
  EventType.ArticleUnpublished,
  EventType.ArticleCorrected,
  EventType.ArticleUpdated,
]);

/**
 * Each change is purged again this long after the first purge. A page can
 * reach the edge after the first purge and would then stay there for its
 * s-maxage: one the edge was fetching while the change committed, or one a
 * gateway replica served from its own page cache before dropping it (the
 * replicas drop theirs once the views service has handled the same event:
 * usually within tens of milliseconds, promised within 1 s). The purge at
 * 0.5 s catches the usual case inside the 1 s promise, the one at 2 s a slow
 * replica or a slow render.
 */
export const EDGE_PURGE_REPEATS_MS = [500, 2000] as const;

/**
 * Which jobs an event becomes (webhook deliveries aside, which depend on the
 * subscriptions in the database). Job ids are derived from the event, so relaying
 * the same event twice adds nothing.
 */
export function jobsForEvent(event: OutboxRecord, now: Date, routing: EventRouting = NO_EDGE): Enqueue[] {
  const articleId = event.articleId ?? '';
  const article = event.payload.article;
  const jobs: Enqueue[] = [];
  const change = QUEUE_CHANGES[event.type as EventType];
  if (change) {
    jobs.push({ name: JobName.AnnounceQueueChange, data: { schema, articleId, change }, opts: { jobId: `announce-${event.id}` } });
  }
  switch (event.type) {
    case EventType.DraftSubmitted:
      if (article) {
        jobs.push({
          name: JobName.CheckSubmission,
          data: { schema, articleId, version: article.version },
          opts: { jobId: `check-${articleId}-${article.version}` },
        });
      }
      break;
    case EventType.ReviewClaimed: {
      const claim = event.payload.claim;
      if (claim) {
        const delay = Math.max(0, new Date(claim.expiresAt).getTime() - now.getTime());
        jobs.push({
          name: JobName.ExpireClaim,
          data: { schema, articleId, editorId: claim.editorId, expiresAt: claim.expiresAt },
          opts: { jobId: `expire-${articleId}-${new Date(claim.expiresAt).getTime()}`, delay },
        });
      }
      break;
    }
    case EventType.ArticleScheduled:
    case EventType.ArticleUpdateScheduled:
      if (article?.scheduledFor) jobs.push(publishJob(article, now));
      break;
    case EventType.ArticlePublished:
    case EventType.ArticleUnpublished:
    case EventType.ArticleCorrected:
    case EventType.ArticleUpdated:
      jobs.push({
        name: JobName.ArticleVisibilityChanged,
        data: { schema, articleId, published: event.type !== EventType.ArticleUnpublished },
        opts: { jobId: `visibility-${event.id}` },
      });
      break;
  }
  if (routing.edgePurge && PUBLIC_CONTENT_CHANGES.has(event.type) && article) jobs.push(...edgePurgeJobs(event, articleChangeKeys(event, article)));
  // a new rubric changes every page's navigation
  if (routing.edgePurge && event.type === EventType.RubricCreated) jobs.push(...edgePurgeJobs(event, surrogateKeysOfRubricChange()));
  return jobs;
}

/** The article's own keys, and the rubric a correction moved it out of (its pages listed the article). */
function articleChangeKeys(event: OutboxRecord, article: ArticleView): string[] {
  const keys = surrogateKeysOfArticleChange({ articleId: article.id, rubricSlug: article.rubric.slug, slug: article.slug });
  const left = event.payload.rubricBefore;
  if (left && left !== article.rubric.slug) keys.push(SurrogateKey.rubric(left));
  return keys;
}

/**
 * The purges of one change, one job id per event (and pass), so a relay that
 * runs twice or the publisher's sweep adds nothing; a purge that ran twice
 * anyway only costs the edge one more fetch of each page.
 */
function edgePurgeJobs(event: OutboxRecord, keys: string[]): Enqueue<JobName.PurgeEdge>[] {
  const job = (jobId: string, delay?: number): Enqueue<JobName.PurgeEdge> => ({
    name: JobName.PurgeEdge,
    data: { schema, eventId: event.id, keys },
    opts: delay === undefined ? { jobId } : { jobId, delay },
  });
  return [job(`edge-purge-${event.id}`), ...EDGE_PURGE_REPEATS_MS.map((delay) => job(`edge-purge-${event.id}-after-${delay}ms`, delay))];
}

/**
 * The delayed job that makes a scheduled article punctual. One id per article
 * version: a reschedule bumps the version, so the old job (if it still fires)
 * finds a different version and does nothing.
 */
export function publishJob(article: Pick<ArticleView, 'id' | 'version' | 'scheduledFor'>, now: Date): Enqueue<JobName.PublishArticle> {
  const scheduledFor = article.scheduledFor as string;
  return {
    name: JobName.PublishArticle,
    data: { schema, articleId: article.id, version: article.version, scheduledFor },
    opts: { jobId: publishJobId(article.id, article.version), delay: Math.max(0, new Date(scheduledFor).getTime() - now.getTime()) },
  };
}

export function publishJobId(articleId: string, version: number): string {
  return `publish-${articleId}-${version}`;
}
