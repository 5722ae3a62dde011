import { unprocessable } from '@newsroom/domain';

/**
 * When something may be scheduled to go live: after now (by the database
 * clock) and not before its embargo lifts (422 otherwise). Articles and
 * revisions of live articles follow the same rule.
 */
export function assertSlotAllowed(publishAt: Date, now: Date, embargoUntil: Date | null): void {
  if (publishAt.getTime() <= now.getTime()) {
    throw unprocessable('SCHEDULE.IN_PAST', `publishAt ${publishAt.toISOString()} is not in the future (it is ${now.toISOString()} now)`);
  }
  if (embargoUntil && publishAt.getTime() < embargoUntil.getTime()) {
    throw unprocessable('SCHEDULE.BEFORE_EMBARGO', `publishAt ${publishAt.toISOString()} is before the embargo lifts at ${embargoUntil.toISOString()}`);
  }
}

/** A revision of a live article goes live through its own endpoints, never as an article of its own. */
export function assertNotRevision(article: { revisionOf: unknown }): void {
  if (article.revisionOf) {
    throw unprocessable('ARTICLE.IS_REVISION', 'this is a revision of a live article: schedule or publish it through /articles/:id/revisions/:revisionId');
  }
}
