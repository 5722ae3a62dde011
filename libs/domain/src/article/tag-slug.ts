/**
 * A tag's address in /tag/:slug: accents folded, ASCII words joined by
 * hyphens (`Korea Utara` -> `korea-utara`). PostgreSQL's newsroom_tag_slug()
 * makes the same for the stored tags (the tag_slugs column); the two agree on
 * Latin letters, which is what the newsroom's tags are written in.
 */
export function tagSlug(tag: string): string {
  return tag
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
