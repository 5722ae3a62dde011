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
}

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
}
