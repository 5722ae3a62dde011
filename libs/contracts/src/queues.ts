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
  /** consumed by apps/views */
  ViewCounting = 'view-counting',
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
}
