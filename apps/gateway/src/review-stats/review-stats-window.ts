/** The desk figures' windows: the query parameter's spelling -> hours. */
export const REVIEW_STATS_WINDOWS = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
export type ReviewStatsWindow = keyof typeof REVIEW_STATS_WINDOWS;
export const DEFAULT_REVIEW_STATS_WINDOW: ReviewStatsWindow = '24h';
