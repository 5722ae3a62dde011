/** The Populer list's rolling windows, as the query parameter spells them. */
export const POPULAR_WINDOWS = ['24h', '7d', '30d'] as const;
export type PopularWindow = (typeof POPULAR_WINDOWS)[number];
export const DEFAULT_POPULAR_WINDOW: PopularWindow = '7d';

const HOURS: Record<PopularWindow, number> = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 };

/** How many hours back the window reaches; views are counted in hourly buckets. */
export function popularWindowHours(window: PopularWindow): number {
  return HOURS[window];
}

export function isPopularWindow(value: unknown): value is PopularWindow {
  return (POPULAR_WINDOWS as readonly unknown[]).includes(value);
}
