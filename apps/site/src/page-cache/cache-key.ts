/**
 * The cache key of a readers' request: its method, its path (canonicalPath)
 * and only the query parameters the page or endpoint reads, sorted, so
 * tracking tags (`?utm_source=...`) and made-up parameters (`?x=<random>`)
 * share one entry instead of filling the cache. A parameter given twice keeps
 * every value in order, as the handler would see it.
 */
export function cacheKeyOf(method: string, url: string, usedParams: readonly string[]): string {
  const queryAt = url.indexOf('?');
  const path = canonicalPath(url);
  if (queryAt === -1 || usedParams.length === 0) return `${method} ${path}`;
  const query = new URLSearchParams(url.slice(queryAt + 1));
  const kept = new URLSearchParams();
  for (const name of [...usedParams].sort()) for (const value of query.getAll(name)) kept.append(name, value);
  const normalized = kept.toString();
  return normalized ? `${method} ${path}?${normalized}` : `${method} ${path}`;
}

/** A percent-encoded octet; those of unreserved characters (RFC 3986 2.3) mean the character itself. */
const PERCENT_ENCODED = /%[0-9a-f]{2}/gi;
const UNRESERVED = /^[A-Za-z0-9._~-]$/;

/**
 * The path of a request URL as RFC 3986 (6.2.2) normalizes it: unreserved
 * characters decoded (`/berita/%61bc` is `/berita/abc`, the page the router
 * hands the same slug), other encodings in upper case. Without it every
 * spelling of a real page would be a cache entry of its own, and the first
 * reader's spelling would be the canonical link everyone is shown.
 */
export function canonicalPath(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  return path.replace(PERCENT_ENCODED, (encoded) => {
    const char = String.fromCharCode(parseInt(encoded.slice(1), 16));
    return UNRESERVED.test(char) ? char : encoded.toUpperCase();
  });
}
