/** The article as staff (and webhook receivers) see it: the HTTP contract's `article`. */
export interface ArticleView {
  id: string;
  slug: string;
  version: number;
  status: string;
  headline: string;
  lead: string | null;
  body: string;
  rubric: { slug: string; name: string };
  author: { id: string; name: string };
  /** every staff author in byline order; the first is `author` */
  authors: { id: string; name: string }[];
  /** names of authors from outside the staff, after the staff in the byline; free text */
  guestBylines: string[];
  image: { url: string; caption: string; credit: string } | null;
  tags: string[];
  priority: 'normal' | 'breaking';
  embargoUntil: string | null;
  scheduledFor: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  views: number;
  wordCount: number | null;
  readingMinutes: number | null;
  approvedVersion: number | null;
  corrections: { at: string; note: string }[];
  /** on a pending revision of a live article: that article's id (null on every article itself) */
  revisionOf: string | null;
  /**
   * On a published article in the staff API's answers: its revision on the way
   * (at most one), or null. Not in webhook payloads or outbox snapshots,
   * which are written without looking it up.
   */
  pendingRevision?: PendingRevisionRef | null;
}

/** A live article's revision on its way, as the live article's staff view names it. */
export interface PendingRevisionRef {
  id: string;
  version: number;
  status: string;
  scheduledFor: string | null;
  /** the revision's staff authors: the live article's, and whoever started it */
  authors: { id: string; name: string }[];
}

/** What the webhook receiver gets as the POST body. */
export interface WebhookEnvelope {
  id: string;
  type: string;
  occurredAt: string;
  data: { article: ArticleView };
}
