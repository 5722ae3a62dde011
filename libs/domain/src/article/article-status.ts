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
  /**
   * a pending revision of a live article that its author or an editor dropped
   * (DELETE /articles/:id/revisions/:revisionId). The row stays, so its
   * history and the review figures it took part in stay true, but no staff
   * endpoint shows it: it is a 404 and in no list (see STAFF_STATUSES).
   */
  Discarded = 'discarded',
}

/**
 * The statuses the staff API shows and filters by: all but `discarded`,
 * which is kept in the database only. The contract's status lists stay as
 * they were.
 */
export const STAFF_STATUSES: readonly ArticleStatus[] = Object.values(ArticleStatus).filter((s) => s !== ArticleStatus.Discarded);

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
  /** on a revision: its author or an editor dropped it before it went live */
  Discarded = 'discarded',
  /** on the live article: its pending revision was dropped (data: revisionId, who is the actor) */
  UpdateDiscarded = 'update_discarded',
}
