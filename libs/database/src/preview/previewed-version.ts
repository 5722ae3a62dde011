import { isPreviewTokenShaped, previewTokenHash } from './preview-token';

/** The version a live preview link shows, as its revision stored it. */
export interface PreviewedVersion {
  linkId: string;
  articleId: string;
  slug: string;
  version: number;
  expiresAt: Date;
  publishedAt: Date | null;
  scheduledFor: Date | null;
  headline: string;
  lead: string | null;
  body: string;
  rubric: { slug: string; name: string };
  image: { url: string; caption: string; credit: string } | null;
  tags: string[];
  /** staff authors then guest bylines, in byline order */
  authorNames: string[];
}

interface Row {
  link_id: string;
  article_id: string;
  slug: string;
  version: number;
  expires_at: Date;
  published_at: Date | null;
  scheduled_for: Date | null;
  headline: string;
  lead: string | null;
  body: string;
  rubric_slug: string;
  rubric_name: string;
  image_url: string | null;
  image_caption: string | null;
  image_credit: string | null;
  tags: string[];
  authors: { id: string; name: string }[] | string;
  guest_bylines: string[];
}

/**
 * What a preview token shows, or null: an unknown, altered, expired or
 * revoked token all look the same. The content is the link's version (the
 * newest revision at or before it), so later edits do not leak into a link
 * made earlier. Expiry is judged by the database clock; run it on the
 * primary, so a revocation holds from its commit on.
 */
export async function findPreviewedVersion(execute: (sql: string, params: unknown[]) => Promise<unknown[]>, token: string): Promise<PreviewedVersion | null> {
  if (!isPreviewTokenShaped(token)) return null;
  const [row] = (await execute(
    `select p.id as link_id, a.id as article_id, a.slug, p.version, p.expires_at, a.published_at, a.scheduled_for,
            r.headline, r.lead, r.body, r.rubric_slug, coalesce(ru.name, r.rubric_slug) as rubric_name,
            r.image_url, r.image_caption, r.image_credit, r.tags, r.authors, r.guest_bylines
       from preview_links p
       join articles a on a.id = p.article_id
       cross join lateral (
         select * from article_revisions r where r.article_id = a.id and r.version <= p.version order by r.version desc limit 1
       ) r
       left join rubrics ru on ru.slug = r.rubric_slug
      where p.token_hash = ? and p.revoked_at is null and p.expires_at > now()`,
    [previewTokenHash(token)],
  )) as Row[];
  if (!row) return null;
  const authors: { name: string }[] = typeof row.authors === 'string' ? JSON.parse(row.authors) : row.authors;
  return {
    linkId: row.link_id,
    articleId: row.article_id,
    slug: row.slug,
    version: Number(row.version),
    expiresAt: new Date(row.expires_at),
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    scheduledFor: row.scheduled_for ? new Date(row.scheduled_for) : null,
    headline: row.headline,
    lead: row.lead,
    body: row.body,
    rubric: { slug: row.rubric_slug, name: row.rubric_name },
    image: row.image_url ? { url: row.image_url, caption: row.image_caption ?? '', credit: row.image_credit ?? '' } : null,
    tags: row.tags,
    authorNames: [...authors.map((a) => a.name), ...row.guest_bylines],
  };
}
