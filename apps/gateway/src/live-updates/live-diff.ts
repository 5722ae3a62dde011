import type { Article, RevisedField } from '@newsroom/database';
import { diffContent, FieldChange, VersionContent } from '../drafts/revision-diff';

/**
 * The content of an article row as the diff compares it. The byline is left
 * empty on purpose: a revision carries the live byline plus whoever started
 * it and never changes it (REVISION.BYLINE_FIXED), so it is never part of
 * what goes live.
 */
export function contentOfRow(article: Pick<Article, 'headline' | 'lead' | 'body' | 'rubric' | 'imageUrl' | 'imageCaption' | 'imageCredit' | 'tags' | 'priority' | 'embargoUntil'>): VersionContent {
  return {
    headline: article.headline,
    lead: article.lead,
    body: article.body,
    rubric: article.rubric.slug,
    image: article.imageUrl ? { url: article.imageUrl, caption: article.imageCaption ?? '', credit: article.imageCredit ?? '' } : null,
    tags: [...article.tags],
    priority: article.priority,
    embargoUntil: article.embargoUntil?.toISOString() ?? null,
    authors: [],
    guestBylines: [],
  };
}

/**
 * What readers would see change if the revision went live now: the live
 * content against the revision's, in the fields the revision changed against
 * the live content it started from (`revised`, as applyLiveUpdate takes them).
 * A field the revision left alone is not shown even when the live article was
 * corrected in it meanwhile: that correction stays live.
 */
export function diffAgainstLive(live: VersionContent, revision: VersionContent, revised: readonly RevisedField[]): FieldChange[] {
  return diffContent(live, revision).filter((change) => (revised as readonly string[]).includes(change.field));
}
