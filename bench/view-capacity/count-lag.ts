/** A running total over time: (epoch ms, total so far), in time order. */
export type Timeline = readonly (readonly [at: number, total: number])[];

/**
 * The longest any view waited between its 202 and being counted in Postgres,
 * from two running totals: views accepted (the load generator's answers) and
 * views counted (polled from Postgres). Views are taken as counted in the
 * order they were accepted (the queue is first in, first out; a batch is
 * counted whole), so the k-th view was accepted when `accepted` first reached
 * k and counted when `counted` first did. For each poll where the count moved,
 * the earliest-accepted of the views it newly shows waited longest; a view
 * still uncounted at `end` has waited until then at least.
 */
export function longestCountLag(accepted: Timeline, counted: Timeline, end: number): number {
  const acceptedAt = (k: number): number | undefined => accepted.find(([, total]) => total >= k)?.[0];
  let longest = 0;
  let shown = 0;
  for (const [at, total] of counted) {
    if (total <= shown) continue;
    const first = acceptedAt(shown + 1);
    if (first !== undefined) longest = Math.max(longest, at - first);
    shown = total;
  }
  const all = accepted.length ? accepted[accepted.length - 1][1] : 0;
  if (shown < all) longest = Math.max(longest, end - (acceptedAt(shown + 1) ?? end));
  return Math.max(0, longest);
}
