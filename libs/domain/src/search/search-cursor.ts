import { createHash } from 'node:crypto';
import { invalid } from '../errors';

/**
 * A place in a list of search results: after the item with this rank, time
 * (microseconds since 1970) and id. It names the query it came from, so a
 * cursor carried over to another query is refused rather than skipping.
 */
export interface SearchPosition {
  rank: string;
  micros: string;
  id: string;
}

const CURSOR = /^(\d+(?:\.\d+)?(?:e-?\d+)?)_(\d{1,18})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([0-9a-f]{8})$/;

/** A short fingerprint of what was asked (the query and its filters). */
export function searchFingerprint(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 8);
}

export function encodeSearchCursor(position: SearchPosition, fingerprint: string): string {
  return Buffer.from(`${position.rank}_${position.micros}_${position.id}_${fingerprint}`).toString('base64url');
}

/** Reads a `cursor`: one from a previous page of the same search, or a 400. */
export function parseSearchCursor(cursor: string, fingerprint: string): SearchPosition {
  const decoded = cursor.length <= 200 ? CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (!decoded || decoded[4] !== fingerprint || !Number.isFinite(Number(decoded[1])) || BigInt(decoded[2]) > MAX_MICROS) {
    throw invalid('SEARCH.BAD_CURSOR', 'cursor must come from a previous page of the same search');
  }
  return { rank: decoded[1], micros: decoded[2], id: decoded[3] };
}

/** The last microsecond of year 9999, the newsroom's last. */
const MAX_MICROS = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) * 1000n + 999n;
