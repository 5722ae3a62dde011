import { DomainError, invalid, parseNewsroomTime } from '@newsroom/domain';

/**
 * A place in the UPDATE list: strictly older than `publishedAtMicros`, or as
 * old and with a smaller id. Microseconds because that is what Postgres
 * stores, so equal timestamps still page without skipping or repeating.
 */
export type ListPosition = { publishedAtMicros: string; id: string } | { before: Date };

const CURSOR = /^(\d{1,18})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Microseconds since 1970 of the last moment of 9999, the newsroom's last year: a larger one is no item's (and no bigint's). */
const LAST_MICROS = BigInt(Date.UTC(9999, 11, 31, 23, 59, 59, 999)) * 1000n + 999n;

/** The opaque cursor an item carries; pass it back as `before` for the next page. */
export function encodeCursor(publishedAtMicros: string, id: string): string {
  return Buffer.from(`${publishedAtMicros}_${id}`).toString('base64url');
}

/**
 * Reads `before`: an item's `cursor`, or a time (ISO-8601 with an offset, or a
 * local `YYYY-MM-DD HH:mm` in the newsroom zone). Anything else is a 400.
 */
export function parseBefore(before: string, timeZone: string): ListPosition {
  try {
    return { before: parseNewsroomTime(before, timeZone) };
  } catch (error) {
    // a well-formed time outside the accepted years says so, rather than "not a cursor"
    if (error instanceof DomainError && error.code === 'TIME.OUT_OF_RANGE') throw error;
    const decoded = CURSOR.exec(Buffer.from(before, 'base64url').toString('utf8'));
    if (decoded && BigInt(decoded[1]) <= LAST_MICROS) return { publishedAtMicros: decoded[1], id: decoded[2] };
    throw invalid('LIST.BAD_CURSOR', 'before must be a cursor from a previous page or an ISO-8601 time');
  }
}
