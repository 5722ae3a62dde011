/**
 * The scheduler's calendar works in the newsroom's local days (WIB by
 * default): which local day and time a moment falls on, and which days a
 * day or week view covers. Days are `YYYY-MM-DD` strings; weeks start on Monday.
 */
import { parseNewsroomTime } from '@newsroom/domain';

export type CalendarView = 'day' | 'week';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parts(at: Date, timeZone: string): Record<string, string> {
  const list = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  return Object.fromEntries(list.map((p) => [p.type, p.value]));
}

export function localDay(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

export function localTime(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** The value of an `<input type="datetime-local" step="1">` for that moment, in the newsroom zone. */
export function localInputValue(at: Date, timeZone: string): string {
  const p = parts(at, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `Senin, 02 Desember` */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('id-ID', { timeZone: 'UTC', weekday: 'long', day: '2-digit', month: 'long' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

export function isDay(value: unknown): value is string {
  return typeof value === 'string' && DAY.test(value) && addDays(value, 0) === value;
}

/** The days a view shows around `day`, and how far to step back and forth. */
export function calendarDays(view: CalendarView, day: string): { days: string[]; step: number } {
  if (view === 'day') return { days: [day], step: 1 };
  const [y, m, d] = day.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  const monday = addDays(day, -((weekday + 6) % 7));
  return { days: Array.from({ length: 7 }, (_, i) => addDays(monday, i)), step: 7 };
}

/** One hour of the day view: what is scheduled in it, and whether a new slot there is still ahead. */
export interface HourRow<T> {
  /** `00` to `23` */
  hour: string;
  items: T[];
  /** the hour the newsroom is in right now */
  isNow: boolean;
  /** the hour has ended: nothing can be scheduled in it any more */
  past: boolean;
  /** the hour has not begun: a new article may go there, at its full hour */
  ahead: boolean;
  /** its start as an `<input type="datetime-local">` value, in the newsroom zone */
  inputValue: string;
}

/** The day view's 24 local hours, each with the items (by their local `time`, `HH:mm`) that fall in it. */
export function hourRows<T extends { time: string }>(day: string, items: T[], now: Date, timeZone: string): HourRow<T>[] {
  const currentHour = localDay(now, timeZone) === day ? localTime(now, timeZone).slice(0, 2) : undefined;
  return Array.from({ length: 24 }, (_, h) => {
    const hour = String(h).padStart(2, '0');
    const start = parseNewsroomTime(`${day} ${hour}:00`, timeZone).getTime();
    return {
      hour,
      items: items.filter((item) => item.time.startsWith(`${hour}:`)),
      isNow: hour === currentHour,
      past: hour !== currentHour && start < now.getTime(),
      ahead: start > now.getTime(),
      inputValue: `${day}T${hour}:00`,
    };
  });
}
