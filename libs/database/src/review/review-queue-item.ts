/**
 * One article waiting for an editor, as the desk lists it and as the review
 * service announces it to every gateway (the HTTP contract's queue item).
 */
export interface ReviewQueueItem {
  article: {
    id: string;
    headline: string;
    rubric: { slug: string; name: string };
    author: { id: string; name: string };
    /** every staff author in byline order (the first is `author`): none of them may review it */
    authors: { id: string; name: string }[];
    priority: 'normal' | 'breaking';
    version: number;
  };
  submittedAt: string | null;
  /** only a live claim (expires_at still ahead in database time); an expired row counts as free */
  claimedBy: { id: string; name: string } | null;
  claimExpiresAt: string | null;
}

/** A row of the queue query (review-queue.query.ts), one per item. */
export interface ReviewQueueRow {
  id: string;
  headline: string;
  priority: 'normal' | 'breaking';
  version: number;
  submitted_at: Date | string | null;
  rubric_slug: string;
  rubric_name: string;
  author_id: string;
  author_name: string;
  /** the co-authors after `author`, in order (json from the driver) */
  co_authors: { id: string; name: string }[] | string | null;
  claim_editor_id: string | null;
  claim_editor_name: string | null;
  claim_expires_at: Date | string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function coAuthors(value: ReviewQueueRow['co_authors']): { id: string; name: string }[] {
  if (value === null) return [];
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function toReviewQueueItem(row: ReviewQueueRow): ReviewQueueItem {
  const claimed = row.claim_editor_id !== null && row.claim_expires_at !== null;
  return {
    article: {
      id: row.id,
      headline: row.headline,
      rubric: { slug: row.rubric_slug, name: row.rubric_name },
      author: { id: row.author_id, name: row.author_name },
      authors: [{ id: row.author_id, name: row.author_name }, ...coAuthors(row.co_authors)],
      priority: row.priority,
      version: Number(row.version),
    },
    submittedAt: iso(row.submitted_at),
    claimedBy: claimed ? { id: row.claim_editor_id as string, name: row.claim_editor_name ?? '' } : null,
    claimExpiresAt: claimed ? iso(row.claim_expires_at) : null,
  };
}
