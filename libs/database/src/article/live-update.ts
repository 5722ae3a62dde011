import { EntityManager } from '@mikro-orm/postgresql';
import { EventType } from '@newsroom/contracts';
import { ArticleAction, ArticleStatus, conflict, HistoryType, nextStatus, PENDING_REVISION_STATUSES } from '@newsroom/domain';
import { Article } from '../entities/article.entity';
import { ArticleRevision } from '../entities/article-revision.entity';
import { OutboxEvent } from '../entities/outbox-event.entity';
import { ReviewClaim } from '../entities/review-claim.entity';
import { User } from '../entities/user.entity';
import { ArticleJournal } from './article-journal';

/** The content fields a revision of a live article may change (an embargo means nothing on a live article). */
export type RevisedField = 'headline' | 'lead' | 'body' | 'rubric' | 'image' | 'tags' | 'priority';

type Content = Pick<Article, 'headline' | 'lead' | 'body' | 'imageUrl' | 'imageCaption' | 'imageCredit' | 'tags' | 'priority'> & { rubricSlug: string };

const FIELD_VALUES: Record<RevisedField, (c: Content) => unknown> = {
  headline: (c) => c.headline,
  lead: (c) => c.lead,
  body: (c) => c.body,
  rubric: (c) => c.rubricSlug,
  image: (c) => [c.imageUrl, c.imageCaption, c.imageCredit],
  tags: (c) => c.tags,
  priority: (c) => c.priority,
};

const contentOf = (article: Article): Content => ({ ...article, rubricSlug: article.rubric.slug });
const contentOfRevision = (r: ArticleRevision): Content => ({ ...r, priority: r.priority as Article['priority'] });

/**
 * The fields a revision changed against the live content it started from
 * (`base`, the live article's stored revision at the revision's base
 * version). Only those go live, so a correction made to the live article
 * meanwhile survives in every field the revision left alone.
 */
export function revisedFields(revision: Article, base: ArticleRevision | null): RevisedField[] {
  const fields = Object.keys(FIELD_VALUES) as RevisedField[];
  if (!base) return fields;
  const mine = contentOf(revision);
  const before = contentOfRevision(base);
  return fields.filter((f) => JSON.stringify(FIELD_VALUES[f](mine)) !== JSON.stringify(FIELD_VALUES[f](before)));
}

/**
 * The one "this revision goes live now" step, shared by the gateway's publish
 * now and the publisher's scheduled run (as publishArticle is for articles):
 * the revision's changed fields become the live article's content, both rows
 * are journaled (`updated_live` on each, a content revision on the live
 * article) and `article.updated` announced. It only mutates: the caller's
 * flush commits it, and the optimistic lock on both rows' versions lets one
 * writer win. `revision.revisionOf` must be `live` with its rubric loaded.
 */
export function applyLiveUpdate(
  em: EntityManager,
  revision: Article,
  live: Article,
  options: { base: ArticleRevision | null; actor: User | null; now: Date },
): OutboxEvent {
  const { actor, now } = options;
  if (live.status !== ArticleStatus.Published) {
    throw conflict('REVISION.ARTICLE_NOT_LIVE', `the article is ${live.status}; a revision goes live only on a published article`);
  }
  const from = revision.status;
  revision.status = nextStatus(from, ArticleAction.ApplyRevision);
  const fields = revisedFields(revision, options.base);
  const rubricBefore = live.rubric.slug;
  if (fields.includes('headline')) live.headline = revision.headline;
  if (fields.includes('lead')) live.lead = revision.lead;
  if (fields.includes('body')) {
    live.body = revision.body;
    live.wordCount = revision.wordCount;
    live.readingMinutes = revision.readingMinutes;
  }
  if (fields.includes('rubric')) live.rubric = revision.rubric;
  if (fields.includes('image')) {
    live.imageUrl = revision.imageUrl;
    live.imageCaption = revision.imageCaption;
    live.imageCredit = revision.imageCredit;
  }
  if (fields.includes('tags')) live.tags = [...revision.tags];
  if (fields.includes('priority')) live.priority = revision.priority;
  // both rows are dirty whatever changed, so both versions move and both optimistic locks are checked
  live.updatedAt = now;
  revision.updatedAt = now;
  revision.publishedAt = now;

  const journal = new ArticleJournal(em);
  const slot = revision.scheduledFor;
  const data = {
    revisionId: revision.id,
    fields,
    ...(slot ? { scheduledFor: slot.toISOString(), latenessMs: now.getTime() - slot.getTime() } : {}),
  };
  journal.revision(live, revision.author);
  journal.history(live, { type: HistoryType.UpdatedLive, actor, from: live.status, to: live.status, data }).at = now;
  journal.history(revision, { type: HistoryType.UpdatedLive, actor, from, to: revision.status, data }).at = now;
  const moved = live.rubric.slug !== rubricBefore ? { rubricBefore } : {};
  return journal.announce(EventType.ArticleUpdated, live, { revisionId: revision.id, ...moved });
}

/**
 * Unpublishing an article cancels its revision on the way (if any): it can
 * never go live now. Its claim goes in the same flush, and a revision that was
 * in the review queue leaves it (an announcement the desk's queue follows).
 */
export async function cancelPendingRevisions(
  em: EntityManager,
  live: Article,
  actor: User | null,
  reason: string,
): Promise<{ events: OutboxEvent[]; /** the publish jobs' keys of the revisions that were scheduled (now stale) */ slots: { id: string; version: number }[] }> {
  const revisions = await em.find(Article, { revisionOf: live.id, status: { $in: [...PENDING_REVISION_STATUSES] } }, { populate: ['rubric', 'author'] });
  const slots = revisions.filter((r) => r.status === ArticleStatus.Scheduled).map((r) => ({ id: r.id, version: r.version }));
  const events: OutboxEvent[] = [];
  for (const revision of revisions) events.push(...cancelRevision(em, revision, actor, reason));
  const claims = revisions.length ? await em.find(ReviewClaim, { articleId: { $in: revisions.map((r) => r.id) } }) : [];
  for (const claim of claims) em.remove(claim);
  return { events, slots };
}

/** One revision that can no longer go live: `cancelled`, journaled, out of the review queue. */
export function cancelRevision(em: EntityManager, revision: Article, actor: User | null, reason: string): OutboxEvent[] {
  const from = revision.status;
  revision.status = nextStatus(from, ArticleAction.CancelRevision);
  const journal = new ArticleJournal(em);
  journal.history(revision, { type: HistoryType.Cancelled, actor, from, to: revision.status, comment: reason });
  return from === ArticleStatus.InReview ? [journal.announce(EventType.ReviewWithdrawn, revision)] : [];
}

/** The live content a revision started from: the live article's stored revision at (or last before) its base version. */
export function baseOf(em: EntityManager, revision: Article): Promise<ArticleRevision | null> {
  if (!revision.revisionOf || revision.revisionBaseVersion === null) return Promise.resolve(null);
  return em.findOne(ArticleRevision, { article: revision.revisionOf.id, version: { $lte: revision.revisionBaseVersion } }, { orderBy: { version: 'desc' } });
}
