/**
 * Queue and job names are stored in Redis (as key names and inside job hashes):
 * renaming one orphans every job already waiting under the old name. Add new
 * names; never rename or reuse old ones.
 *
 * Each queue has exactly one consuming app (named beside it).
 */
export enum QueueName {
  /** consumed by apps/drafts */
  DraftSubmission = 'draft-submission',
  /** consumed by apps/review */
  EditorialReview = 'editorial-review',
  /** consumed by apps/review (the desk's notifications) */
  WebhookDelivery = 'webhook-delivery',
  /** consumed by apps/publisher */
  Publishing = 'publishing',
  /** consumed by apps/views: view batches to count (may hold a backlog under a flood) */
  ViewCounting = 'view-counting',
  /**
   * consumed by apps/views: the flush tick, article changes and pruning, which
   * must never wait behind a backlog of view batches (counts show within 2 s)
   */
  ViewUpkeep = 'view-upkeep',
  /**
   * consumed by apps/publisher: purges of the edge cache by surrogate key, on
   * a queue of their own so a down edge (purges retrying for an hour) never
   * holds up publishing
   */
  EdgePurge = 'edge-purge',
}

export enum JobName {
  CheckSubmission = 'check-submission',
  AnnounceQueueChange = 'announce-queue-change',
  ExpireClaim = 'expire-claim',
  DeliverWebhook = 'deliver-webhook',
  PublishArticle = 'publish-article',
  ReconcileSchedule = 'reconcile-schedule',
  RelayOutbox = 'relay-outbox',
  CountViews = 'count-views',
  FlushViewCounts = 'flush-view-counts',
  ArticleVisibilityChanged = 'article-visibility-changed',
  PruneViewFlushes = 'prune-view-flushes',
  PurgeEdge = 'purge-edge',
  RefreshTrending = 'refresh-trending',
}
