import { TRENDING_BASELINE_MINUTES, TRENDING_RECENT_MINUTES, TrendingEntry } from '@newsroom/contracts';

/** Fewer views than this in the last 15 minutes is noise, not a story taking off. */
export const TRENDING_MIN_RECENT_VIEWS = 3;
/** How many the stored ranking keeps (the site filters them by rubric and publication). */
export const TRENDING_KEPT = 200;

/**
 * "Naik Daun": each article's reading rate in the last 15 minutes against its
 * own rate in the hour before, `(recent / 15) / ((previous + 1) / 60)`. The
 * +1 keeps an article that was not read at all before from dividing by zero
 * without ranking a single fresh view above a story rising from hundreds.
 * Fastest rising first; ties by more recent views, then by id (stable).
 */
export function rankTrending(recent: ReadonlyMap<string, number>, previous: ReadonlyMap<string, number>): TrendingEntry[] {
  const entries: TrendingEntry[] = [];
  for (const [articleId, viewsLast15m] of recent) {
    if (viewsLast15m < TRENDING_MIN_RECENT_VIEWS) continue;
    const before = previous.get(articleId) ?? 0;
    const velocity = viewsLast15m / TRENDING_RECENT_MINUTES / ((before + 1) / TRENDING_BASELINE_MINUTES);
    entries.push({ articleId, viewsLast15m, velocity: Math.round(velocity * 100) / 100 });
  }
  entries.sort((a, b) => b.velocity - a.velocity || b.viewsLast15m - a.viewsLast15m || (a.articleId < b.articleId ? -1 : 1));
  return entries.slice(0, TRENDING_KEPT);
}

/** The minute buckets (epoch seconds) of the recent window (the current minute included) and of the hour before it. */
export function trendingMinutes(currentMinute: number): { recent: number[]; previous: number[] } {
  const recent = Array.from({ length: TRENDING_RECENT_MINUTES }, (_, i) => currentMinute - i * 60);
  const previous = Array.from({ length: TRENDING_BASELINE_MINUTES }, (_, i) => currentMinute - (TRENDING_RECENT_MINUTES + i) * 60);
  return { recent, previous };
}
