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
}

/** What the webhook receiver gets as the POST body. */
export interface WebhookEnvelope {
  id: string;
  type: string;
  occurredAt: string;
  data: { article: ArticleView };
}
