/**
 * The cache key of a readers' request: its method, its path and only the
 * query parameters the page or endpoint reads, sorted, so tracking tags
 * (`?utm_source=...`) and made-up parameters (`?x=<random>`) share one entry
 * instead of filling the cache. A parameter given twice keeps every value in
 * order, as the handler would see it.
 */
export function cacheKeyOf(method: string, url: string, usedParams: readonly string[]): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (queryAt === -1 || usedParams.length === 0) return `${method} ${path}`;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  const kept = new URLSearchParams();
  for (const name of [...usedParams].sort()) for (const value of query.getAll(name)) kept.append(name, value);
  const normalized = kept.toString();
  return normalized ? `${method} ${path}?${normalized}` : `${method} ${path}`;
}
