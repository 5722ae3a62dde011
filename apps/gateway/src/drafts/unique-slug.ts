import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { slugCandidate, slugify } from '@newsroom/domain';

/**
 * A slug for `headline` that no other article has: the plain slug, else the
 * first free `-2`, `-3`, ... One query reads every slug of that family.
 * Another writer may still take it before our insert; see `retryOnSlugClash`.
 */
export async function freeSlug(em: EntityManager, headline: string, exceptArticleId?: string): Promise<string> {
  const base = slugify(headline);
  // Slugs are [a-z0-9-] only, so nothing in `base` is a LIKE wildcard.
  const rows: { slug: string }[] = await em
    .getConnection()
    .execute(`select slug from articles where (slug = ? or slug like ?) and id is distinct from ?`, [base, `${base}-%`, exceptArticleId ?? null]);
  const taken = new Set(rows.map((r) => r.slug));
  for (let attempt = 1; ; attempt++) {
    const candidate = slugCandidate(base, attempt);
    if (!taken.has(candidate)) return candidate;
  }
}

/** Whether `slug` already belongs to `headline`'s family (`base` or `base-N`), so an edit can keep it. */
export function slugFitsHeadline(slug: string, headline: string): boolean {
  const base = slugify(headline);
  return slug === base || new RegExp(`^${base}-\\d+$`).test(slug);
}

const SLUG_ATTEMPTS = 8;

/**
 * Runs a write whose slug a concurrent insert may take between our check and
 * our commit. The failed transaction rolled back entirely, so running the whole
 * write again (with a fresh EntityManager inside `write`) is safe.
 */
export async function retryOnSlugClash<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || attempt >= SLUG_ATTEMPTS) throw error;
    }
  }
}
