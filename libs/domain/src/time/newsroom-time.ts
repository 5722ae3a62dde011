import { invalid } from '../errors';

/** Indonesia's zones and the labels readers know them by. */
const ZONE_LABELS_BY_OFFSET_MINUTES: Record<number, string> = { 420: 'WIB', 480: 'WITA', 540: 'WIT' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions, locale = 'id-ID'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/** The zone's offset from UTC, in minutes, at that instant. */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = formatter(
    timeZone,
    { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    'en-US',
  ).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** `WIB`, `WITA`, `WIT` for Indonesia's zones; `GMT+2` style elsewhere. */
export function zoneLabel(at: Date, timeZone: string): string {
  const offset = zoneOffsetMinutes(at, timeZone);
  const known = ZONE_LABELS_BY_OFFSET_MINUTES[offset];
  if (known && /^Asia\//.test(timeZone)) return known;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const minutes = abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : '';
  return `GMT${sign}${Math.floor(abs / 60)}${minutes}`;
}

export interface DisplayOptions {
  /** the article's dateline shows the zone; the side lists do not */
  withZone?: boolean;
}

/** Shown times remembered; past that the memory starts over (a list or page shows the same few hundred minutes again and again). */
const REMEMBERED_TIMES = 5000;
const shownTimes = new Map<string, string>();

/**
 * The newsroom's way of showing a moment: `Kamis, 05 Desember 2024 | 16:38 WIB`.
 * Day and month names come from Intl's Indonesian locale. What is shown
 * depends on the minute only (zones change offset on a minute boundary), and
 * Intl's formatToParts is the public lists' largest cost per item, so each
 * minute is formatted once per zone and remembered.
 */
export function formatNewsroomTime(at: Date, timeZone: string, options: DisplayOptions = {}): string {
  const withZone = options.withZone !== false;
  const key = `${timeZone}|${withZone}|${Math.floor(at.getTime() / 60_000)}`;
  let shown = shownTimes.get(key);
  if (shown === undefined) {
    if (shownTimes.size >= REMEMBERED_TIMES) shownTimes.clear();
    shown = formatMinute(at, timeZone, withZone);
    shownTimes.set(key, shown);
  }
  return shown;
}

function formatMinute(at: Date, timeZone: string, withZone: boolean): string {
  const parts = formatter(timeZone, {
    weekday: 'long',
    day: '2-digit',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const text = `${get('weekday')}, ${get('day')} ${get('month')} ${get('year')} | ${get('hour')}:${get('minute')}`;
  return withZone ? `${text} ${zoneLabel(at, timeZone)}` : text;
}

/** The years a time given to the newsroom may fall in (API.md v1.3); Postgres and the cursors cannot hold all that JavaScript can. */
export const EARLIEST_YEAR = 1970;
export const LATEST_YEAR = 9999;

/** Whether a moment falls in years EARLIEST_YEAR..LATEST_YEAR (UTC). */
export function isWithinNewsroomYears(at: Date): boolean {
  const year = at.getUTCFullYear();
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** A 400 for a time outside EARLIEST_YEAR..LATEST_YEAR, or the moment itself. */
export function withinNewsroomYears(at: Date, input: string): Date {
  if (!isWithinNewsroomYears(at)) throw invalid('TIME.OUT_OF_RANGE', `"${input}" is outside the years ${EARLIEST_YEAR}..${LATEST_YEAR}`);
  return at;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads a time a person typed: ISO-8601 with an offset is taken as is; a local
 * `YYYY-MM-DD HH:mm` is read in the newsroom's zone. Anything else is a 400,
 * and so is a time outside the years 1970..9999.
 */
export function parseNewsroomTime(input: string, timeZone: string): Date {
  const text = input.trim();
  if (WITH_OFFSET.test(text)) {
    const date = new Date(text);
    if (!Number.isNaN(date.getTime())) return withinNewsroomYears(date, input);
  }
  const local = LOCAL.exec(text);
  if (local) {
    const [, y, mo, d, h, mi, s] = local.map(Number);
    const wallAsUtc = Date.UTC(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
    const check = new Date(wallAsUtc);
    if (check.getUTCMonth() === mo - 1 && check.getUTCDate() === d && h < 24 && mi < 60) {
      // The offset at the guessed instant, then again at the corrected one, settles DST edges.
      let utc = wallAsUtc - zoneOffsetMinutes(new Date(wallAsUtc), timeZone) * 60000;
      utc = wallAsUtc - zoneOffsetMinutes(new Date(utc), timeZone) * 60000;
      return withinNewsroomYears(new Date(utc), input);
    }
  }
  throw invalid(
    'TIME.INVALID',
    `"${input}" is not a time: use ISO-8601 with an offset (2024-12-05T16:38:00+07:00) or local "YYYY-MM-DD HH:mm"`,
  );
}

/** Whether `timeZone` is a zone Intl knows (config validation). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
