import { invalid } from '@newsroom/domain';

/**
 * A revision changes a live article's content, never its byline: the
 * revision carries the live article's authors (so that none of them reviews
 * it), and going live leaves the page's byline as it is. So `authors` and
 * `guestBylines` are refused on a revision (400), not silently dropped.
 */
export function assertBylineUntouched(dto: { authors?: unknown; guestBylines?: unknown }): void {
  if (dto.authors !== undefined || dto.guestBylines !== undefined) {
    throw invalid('REVISION.BYLINE_FIXED', "a revision changes the live article's content, not its byline: leave out authors and guestBylines");
  }
}
