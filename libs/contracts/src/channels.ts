/** Redis pub/sub channel (under the deployment's key prefix) on which the review service announces queue changes. */
export const REVIEW_QUEUE_CHANNEL = 'review-queue-changes';

export interface ReviewQueueMessage {
  change: 'entered' | 'changed' | 'claimed' | 'released' | 'expired' | 'left';
  articleId: string;
  /** the queue item after the change; null once it has left the queue */
  item: unknown | null;
  at: string;
}
