import { POPULAR_WINDOW_HOURS, PopularRankingKey, PopularWindowName } from '@newsroom/contracts';
import { ViewKeys } from '../view-keys';

export const POPULAR_WINDOW_NAMES = Object.keys(POPULAR_WINDOW_HOURS) as PopularWindowName[];

/** An hour's bucket is needed until the longest window has passed it, plus slack for a late flush. */
export const HOUR_BUCKET_SECONDS = (Math.max(...Object.values(POPULAR_WINDOW_HOURS)) + 2) * 3600;

/**
 * The oldest hour bucket a window holds at `hour`: a window of N hours holds
 * the current hour and the N - 1 before it, the same buckets the Postgres
 * query `hour >= now() - N hours` sums.
 */
export function windowStart(window: PopularWindowName, hour: number): number {
  return hour - (POPULAR_WINDOW_HOURS[window] - 1) * 3600;
}

/** The three names the ranking scripts take per window, with the client's key prefix. */
export function windowScriptNames(window: PopularWindowName, prefix: string): [from: string, all: string, rubricStem: string] {
  return [prefix + ViewKeys.windowFrom(window), prefix + PopularRankingKey.window(window), prefix + PopularRankingKey.rubricWindow(window, '')];
}
