/**
 * Domain events, written to the outbox in the same transaction as the state
 * change and relayed to queues afterwards. Stored in Postgres and sent to
 * webhook receivers: never rename a value.
 */
export enum EventType {
  DraftSubmitted = 'draft.submitted',
  ReviewEntered = 'review.entered',
  ReviewClaimed = 'review.claimed',
  ReviewReleased = 'review.released',
  /** a claim ran out and the review service freed it (not a webhook event: the contract does not list it) */
  ReviewClaimExpired = 'review.claim_expired',
  ReviewChanged = 'review.changed',
  ReviewApproved = 'review.approved',
  ReviewChangesRequested = 'review.changes_requested',
  ReviewRejected = 'review.rejected',
  ReviewWithdrawn = 'review.withdrawn',
  ArticleScheduled = 'article.scheduled',
  ArticleUnscheduled = 'article.unscheduled',
  ArticlePublished = 'article.published',
  ArticleUnpublished = 'article.unpublished',
  ArticleCorrected = 'article.corrected',
  /**
   * a revision of a live article was scheduled (the article in the payload is
   * the revision): becomes its delayed publish job, like article.scheduled
   */
  ArticleUpdateScheduled = 'article.update_scheduled',
  /** a revision's content went live (the article in the payload is the live article, as readers now see it) */
  ArticleUpdated = 'article.updated',
  /** a new rubric: every page's navigation names it (not a webhook event: the contract does not list it) */
  RubricCreated = 'rubric.created',
}

/** The events a webhook may subscribe to (the HTTP contract's list). */
export const WEBHOOK_EVENT_TYPES = [
  EventType.DraftSubmitted,
  EventType.ReviewApproved,
  EventType.ReviewChangesRequested,
  EventType.ReviewRejected,
  EventType.ArticleScheduled,
  EventType.ArticlePublished,
  EventType.ArticleUnpublished,
  EventType.ArticleUpdated,
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}
