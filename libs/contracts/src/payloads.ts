import { JobName, QueueName } from './queues';

/**
 * Bumped when a payload's shape changes incompatibly, so a consumer can refuse
 * (UnrecoverableError) a job written by an older producer instead of misreading it.
 */
export const PAYLOAD_SCHEMA_VERSION = 1 as const;

interface Versioned {
  schema: typeof PAYLOAD_SCHEMA_VERSION;
  /** who asked for this work (optional: jobs from before it, and recurring ones, have none); consumers log with it and pass it on */
  trace?: TraceIds;
}

/**
 * The request a piece of work comes from, carried from the HTTP request
 * through outbox events and jobs to webhook deliveries, so every log line of
 * one article's journey carries the same request id (and W3C trace).
 */
export interface TraceIds {
  /** X-Request-Id: the client's, or made by the first app it reached */
  requestId: string;
  /** W3C traceparent, `00-<trace id>-<parent id>-<flags>` */
  traceparent: string;
}

/** A submitted draft to check and hand to review; a no-op unless the article is still at `version`. */
export interface CheckSubmissionPayload extends Versioned {
  articleId: string;
  version: number;
}

export type QueueChange = 'entered' | 'changed' | 'claimed' | 'released' | 'expired' | 'left';

/** Something in the review queue changed; the review service tells every gateway (and so every editor). */
export interface AnnounceQueueChangePayload extends Versioned {
  articleId: string;
  change: QueueChange;
}

/** Frees a claim if it is still the same lease and has run out. */
export interface ExpireClaimPayload extends Versioned {
  articleId: string;
  editorId: string;
  expiresAt: string;
}

/** One outbox event to one webhook; the delivery reads both from Postgres. */
export interface DeliverWebhookPayload extends Versioned {
  eventId: string;
  webhookId: string;
}

/**
 * Publishes the article if it is still scheduled for `scheduledFor` at `version`.
 * For a scheduled revision of a live article (`articleId` is the revision's),
 * makes its content the live content under the same conditions.
 */
export interface PublishArticlePayload extends Versioned {
  articleId: string;
  version: number;
  scheduledFor: string;
}

export type EmptyPayload = Versioned;

/** One accepted page view; `visitor` is already an opaque key (never raw IP or UA). */
export interface PageView {
  articleId: string;
  visitor: string;
  /** ISO time the gateway accepted the view */
  at: string;
  /**
   * salted hash of the client address that sent it (never the address): one
   * address adds at most a capped number of visitors to an article per dedup
   * window. Absent in batches from before the cap; those are not capped.
   */
  client?: string;
}

export interface CountViewsPayload extends Versioned {
  /** unique per batch, so a redelivered batch is recognised */
  batchId: string;
  views: PageView[];
}

/**
 * Published, unpublished or corrected: the views service re-reads the article
 * from Postgres, brings its published-index entry in line and moves its counts
 * to its rubric's Populer ranking if the rubric changed. `published` is a hint
 * only; what Postgres says when the job runs decides.
 */
export interface ArticleVisibilityChangedPayload extends Versioned {
  articleId: string;
  published: boolean;
}

/**
 * Drop what the edge cache (Varnish) holds under these surrogate keys, after
 * the outbox event `eventId` changed public content. Idempotent: purging twice
 * only costs the edge one more fetch of each page.
 */
export interface PurgeEdgePayload extends Versioned {
  eventId: string;
  /** SurrogateKey names (libs/contracts/src/surrogate-keys.ts) */
  keys: string[];
}

/**
 * The one registry tying each job name to its queue and payload type:
 * `producer.enqueue(JobName.PublishArticle, payload)` is checked by the compiler.
 */
export interface JobPayloads {
  [JobName.CheckSubmission]: CheckSubmissionPayload;
  [JobName.AnnounceQueueChange]: AnnounceQueueChangePayload;
  [JobName.ExpireClaim]: ExpireClaimPayload;
  [JobName.DeliverWebhook]: DeliverWebhookPayload;
  [JobName.PublishArticle]: PublishArticlePayload;
  [JobName.ReconcileSchedule]: EmptyPayload;
  [JobName.RelayOutbox]: EmptyPayload;
  [JobName.CountViews]: CountViewsPayload;
  [JobName.FlushViewCounts]: EmptyPayload;
  [JobName.ArticleVisibilityChanged]: ArticleVisibilityChangedPayload;
  [JobName.PruneViewFlushes]: EmptyPayload;
  [JobName.PurgeEdge]: PurgeEdgePayload;
  [JobName.RefreshTrending]: EmptyPayload;
}

export const JOB_QUEUE: { readonly [J in JobName]: QueueName } = {
  [JobName.CheckSubmission]: QueueName.DraftSubmission,
  [JobName.AnnounceQueueChange]: QueueName.EditorialReview,
  [JobName.ExpireClaim]: QueueName.EditorialReview,
  [JobName.DeliverWebhook]: QueueName.WebhookDelivery,
  [JobName.PublishArticle]: QueueName.Publishing,
  [JobName.ReconcileSchedule]: QueueName.Publishing,
  [JobName.RelayOutbox]: QueueName.Publishing,
  [JobName.CountViews]: QueueName.ViewCounting,
  // the views service still takes these two from view-counting, where producers from before view-upkeep put them
  [JobName.FlushViewCounts]: QueueName.ViewUpkeep,
  [JobName.ArticleVisibilityChanged]: QueueName.ViewUpkeep,
  [JobName.PruneViewFlushes]: QueueName.ViewUpkeep,
  [JobName.PurgeEdge]: QueueName.EdgePurge,
  // the "Naik Daun" ranking from the minute buckets: upkeep, never behind view batches
  [JobName.RefreshTrending]: QueueName.ViewUpkeep,
};

export type JobPayload<J extends JobName> = JobPayloads[J];
