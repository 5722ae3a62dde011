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

/**
 * A revision of a live article is scheduled, unscheduled and made live only
 * through its live article's revision endpoints (which journal the live
 * article too and check that it is still published); it is never taken down
 * or corrected on its own. The plain article endpoints refuse it before they
 * change anything (422, as for any action its state does not allow).
 */
export function assertNotRevision(article: { id: string; revisionOf: { id: string } | null | undefined }): void {
  if (article.revisionOf) {
    throw unprocessable(
      'ARTICLE.IS_REVISION',
      `this is a revision of a live article: schedule, unschedule or publish it through /articles/${article.revisionOf.id}/revisions/${article.id}; it is never taken down or corrected on its own`,
    );
  }
}
