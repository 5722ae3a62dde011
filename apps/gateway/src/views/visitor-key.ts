import { createHash } from 'node:crypto';

export interface VisitorSource {
  visitorId?: string;
  ip: string;
  userAgent: string;
}

/**
 * The opaque key a visitor is deduplicated by. Always a salted hash, so that
 * neither a client's IP and User-Agent nor the site's own visitor id is ever
 * stored; the two kinds are labelled apart so one can never equal the other.
 * 128 bits keep the millions of 30-minute dedup keys small and collisions out of reach.
 */
export function visitorKey(source: VisitorSource, salt: string): string {
  const hash = createHash('sha256').update(salt).update('\0');
  if (source.visitorId !== undefined) hash.update('id\0').update(source.visitorId);
  else hash.update('ip-ua\0').update(source.ip).update('\0').update(source.userAgent);
  return hash.digest('base64url').slice(0, 22);
}

/**
 * The opaque key of a client address, for the views service's cap on how many
 * visitors one address may add to an article: salted like visitorKey, and
 * labelled apart from it.
 */
export function clientKey(ip: string, salt: string): string {
  return createHash('sha256').update(salt).update('\0client\0').update(ip).digest('base64url').slice(0, 22);
}
