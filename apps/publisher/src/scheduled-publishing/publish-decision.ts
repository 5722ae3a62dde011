import { ArticleStatus } from '@newsroom/domain';

/** What a publish job knows: the schedule it was made for. */
export interface PublishTarget {
  articleId: string;
  version: number;
  scheduledFor: string;
}

/** The article as it is in Postgres right now (null: gone). */
export interface ArticleState {
  status: string;
  version: number;
  scheduledFor: Date | null;
  embargoUntil: Date | null;
}

export type PublishDecision =
  | { action: 'publish' }
  /** the job is stale or a duplicate: the schedule it was made for no longer holds */
  | { action: 'skip'; reason: string }
  /** right schedule, too early (job fired early, clock skew) or still under embargo */
  | { action: 'wait'; waitMs: number; reason: 'not-due' | 'embargo' };

/**
 * The guard of scheduled publishing: only a `scheduled` article, still at the
 * version and time the job was made for, goes live, and not before the
 * database's `now` reaches both its slot and its embargo. Everything else does
 * nothing, which is what makes late, stale and duplicate jobs harmless.
 */
export function decidePublish(article: ArticleState | null, target: PublishTarget, now: Date): PublishDecision {
  if (!article) return { action: 'skip', reason: 'the article is gone' };
  if (article.status !== ArticleStatus.Scheduled) return { action: 'skip', reason: `the article is ${article.status}` };
  if (article.version !== target.version) return { action: 'skip', reason: `the article is at version ${article.version}, the job was for ${target.version}` };
  const slot = Date.parse(target.scheduledFor);
  if (!article.scheduledFor || article.scheduledFor.getTime() !== slot) {
    return { action: 'skip', reason: `the article is scheduled for ${article.scheduledFor?.toISOString() ?? 'nothing'}, the job was for ${target.scheduledFor}` };
  }
  if (slot > now.getTime()) return { action: 'wait', waitMs: slot - now.getTime(), reason: 'not-due' };
  if (article.embargoUntil && article.embargoUntil.getTime() > now.getTime()) {
    return { action: 'wait', waitMs: article.embargoUntil.getTime() - now.getTime(), reason: 'embargo' };
  }
  return { action: 'publish' };
}
