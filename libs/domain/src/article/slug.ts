const MAX_SLUG_LENGTH = 80;
/** The longest slug stored anywhere (the articles.slug column; rubric slugs are shorter). */
const MAX_STORED_SLUG_LENGTH = 120;
/** What slugify makes, a clash suffix included, and what a rubric's slug must be: lower-case ASCII words joined by single hyphens. */
const SLUG_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A URL slug from a headline: lower case ASCII words joined by hyphens.
 * `Pakta Pertahanan Korut-Rusia Mulai Berlaku` -> `pakta-pertahanan-korut-rusia-mulai-berlaku`.
 * Accents are folded (é -> e) rather than dropped, so loan words stay readable;
 * long headlines are cut at a word boundary.
 */
export function slugify(headline: string): string {
  const words = headline
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  // A single word longer than the limit, or a headline with no latin letters at all.
  if (!slug) slug = words.join('-').slice(0, MAX_SLUG_LENGTH) || 'artikel';
  return slug;
}

/** The n-th candidate for a slug that clashes: `base`, `base-2`, `base-3`, ... */
export function slugCandidate(base: string, attempt: number): string {
  return attempt <= 1 ? base : `${base}-${attempt}`;
}

/**
 * Whether `value` could be an article's or a rubric's slug at all. An address
 * whose slug fails this names nothing that exists or ever will, so it is
 * answered "not found" without a lookup (a scan of made-up addresses then
 * costs the database nothing). Length first: the pattern never sees 10 kB.
 */
export function isPossibleSlug(value: string): boolean {
  return value.length <= MAX_STORED_SLUG_LENGTH && SLUG_SHAPE.test(value);
}
