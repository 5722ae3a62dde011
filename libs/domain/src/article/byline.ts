import { invalid } from '../errors';

/** Names in an article's byline: staff authors (the first is `author`) and guest bylines. */
export const MAX_ARTICLE_AUTHORS = 10;
export const MAX_GUEST_BYLINES = 10;
export const GUEST_BYLINE_MAX_LENGTH = 80;

/**
 * A guest byline as it is stored: free text, kept as typed (markup included:
 * pages escape it), with runs of whitespace (line breaks included) made one
 * space, since the byline is stored one name a line.
 */
export function normalizeGuestByline(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** Guest bylines as stored, or 400: each 1..80 characters once normalized, none twice. */
export function guestBylinesFrom(names: string[]): string[] {
  const normalized = names.map(normalizeGuestByline);
  const bad = normalized.find((name) => name.length < 1 || name.length > GUEST_BYLINE_MAX_LENGTH);
  if (bad !== undefined) throw invalid('AUTHORS.BAD_GUEST_BYLINE', `each guest byline is 1..${GUEST_BYLINE_MAX_LENGTH} characters`);
  if (new Set(normalized).size !== normalized.length) throw invalid('AUTHORS.DUPLICATE', 'a guest byline is listed twice');
  return normalized;
}

/**
 * The staff authors of a new draft: the creator first unless the list places
 * them elsewhere, and always among them (a reporter cannot start an article
 * they may not see).
 */
export function authorsOfNewDraft(creatorId: string, given: string[] | undefined): string[] {
  if (!given || given.length === 0) return [creatorId];
  return given.includes(creatorId) ? given : [creatorId, ...given];
}

/** How a page prints the names: `HANI FATUNNISA, BUDI SANTOSO` (upper-casing is the dateline's). */
export function joinByline(names: string[]): string {
  return names.join(', ');
}

/** The names of the stored byline (one a line, as newsroom_article_byline() writes it), in order. */
export function bylineNames(byline: string): string[] {
  return byline.split('\n').filter((name) => name !== '');
}
