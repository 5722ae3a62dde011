import { POPULAR_WINDOW_HOURS, PopularWindowName } from '@newsroom/contracts';

/** The Populer list's rolling windows, as the query parameter spells them. */
export const POPULAR_WINDOWS = Object.keys(POPULAR_WINDOW_HOURS) as PopularWindowName[];
export type PopularWindow = PopularWindowName;
export const DEFAULT_POPULAR_WINDOW: PopularWindow = '7d';

/** How many hours back the window reaches; views are counted in hourly buckets. */
export function popularWindowHours(window: PopularWindow): number {
  return POPULAR_WINDOW_HOURS[window];
}

export function isPopularWindow(value: unknown): value is PopularWindow {
  return (POPULAR_WINDOWS as readonly unknown[]).includes(value);
}
