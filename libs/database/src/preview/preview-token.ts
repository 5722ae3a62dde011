import { createHash, randomBytes } from 'node:crypto';

/** Where the readers' site shows a preview: `/pratinjau/<token>`. */
export const PREVIEW_PATH_PREFIX = '/pratinjau/';

/** 32 random bytes: far past guessing, and URL-safe as base64url (43 characters). */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new preview token and the hash that is all the database keeps of it. */
export function newPreviewToken(): { token: string; hash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, hash: previewTokenHash(token) };
}

/** hex SHA-256: a token of 256 random bits needs no salt or slow hash to stay unguessable from its hash. */
export function previewTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string could be a token at all (anything else is a 404 without asking the database). */
export function isPreviewTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
