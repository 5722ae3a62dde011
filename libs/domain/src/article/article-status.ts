export enum ArticleStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  InReview = 'in_review',
  ChangesRequested = 'changes_requested',
  Rejected = 'rejected',
  Approved = 'approved',
  Scheduled = 'scheduled',
  Published = 'published',
  Unpublished = 'unpublished',
  /** a pending revision of a live article whose content went live (API v1.1, scheduled updates) */
  Applied = 'applied',
  /** a pending revision of a live article that was taken down before the revision went live */
  Cancelled = 'cancelled',
}

/**
 * The statuses of a revision of a live article that is still on its way
 * (at most one per article; unpublishing the article cancels it).
 */
export const PENDING_REVISION_STATUSES: readonly ArticleStatus[] = [
  ArticleStatus.Draft,
  ArticleStatus.Submitted,
  ArticleStatus.InReview,
  ArticleStatus.ChangesRequested,
  ArticleStatus.Approved,
  ArticleStatus.Scheduled,
];

export enum Priority {
  Normal = 'normal',
  Breaking = 'breaking',
}

/** History event types (the contract's `type` list). Stored in Postgres: never rename. */
export enum HistoryType {
  Created = 'created',
  Updated = 'updated',
  Submitted = 'submitted',
  ReviewStarted = 'review_started',
  Claimed = 'claimed',
  Released = 'released',
  Approved = 'approved',
  ChangesRequested = 'changes_requested',
  Rejected = 'rejected',
  Withdrawn = 'withdrawn',
  /** a secret preview link made or revoked: who showed which version outside the newsroom */
  PreviewLinkCreated = 'preview_link_created',
  PreviewLinkRevoked = 'preview_link_revoked',
  Scheduled = 'scheduled',
  Unscheduled = 'unscheduled',
  Published = 'published',
  Corrected = 'corrected',
  Unpublished = 'unpublished',
  /** on the live article: one of its revisions was scheduled to go live (data: revisionId, scheduledFor) */
  UpdateScheduled = 'update_scheduled',
  /** on the live article: a revision's schedule was taken back */
  UpdateUnscheduled = 'update_unscheduled',
  /** on the live article and on the revision: the revision's content went live */
  UpdatedLive = 'updated_live',
  /** on a revision: its article was unpublished before it went live */
  Cancelled = 'cancelled',
}
