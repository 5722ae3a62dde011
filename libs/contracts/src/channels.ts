/** Redis pub/sub channel (under the deployment's key prefix) on which the review service announces queue changes. */
export const REVIEW_QUEUE_CHANNEL = 'review-queue-changes';

export interface ReviewQueueMessage {
  change: 'entered' | 'changed' | 'claimed' | 'released' | 'expired' | 'left';
  articleId: string;
  /** the queue item after the change; null once it has left the queue */
  item: unknown | null;
  at: string;
}

/**
 * Redis pub/sub channel (under the deployment's prefix) on which the views
 * service announces changes to the published-article index, so gateways drop
 * what they remember of it: the message is an article id whose entry changed
 * or went, or PUBLISHED_INDEX_REBUILT when the whole index was replaced. The
 * index scripts publish in the same step as the change.
 */
export const PUBLISHED_INDEX_CHANNEL = 'published-articles-changes';
export const PUBLISHED_INDEX_REBUILT = '*';

/**
 * Redis pub/sub channel (under the deployment's prefix) on which what the
 * readers see is announced as changed, so every gateway replica drops its
 * cached pages and public JSON holding it (SiteContentChange, as JSON). The
 * views service announces article changes after it has brought its index in
 * line (it handles every publish, unpublish and correction from the outbox);
 * the gateway announces new rubrics itself.
 */
export const SITE_CONTENT_CHANNEL = 'site-content-changes';

export type SiteContentChange =
  /**
   * a published article appeared, changed or went; `slug` and `rubricSlug` are
   * its current ones. `version` (the article's) lets a replica that already
   * dropped for this version ignore a repeat (the gateway and the views service
   * both announce a change the gateway makes); `live` says whether it is
   * published now: if not, what shows it goes at once, otherwise the page from
   * before may answer while its refresh renders. An announcement without them
   * (a hand-made one) drops at once.
   */
  | { kind: 'article'; articleId: string; slug: string; rubricSlug: string; version?: number; live?: boolean }
  /** the rubrics changed (added or renamed): every page's navigation */
  | { kind: 'rubrics' };
