import { DomainError } from '../errors';
import { formatNewsroomTime, isKnownTimeZone, isWithinNewsroomYears, parseNewsroomTime, zoneLabel } from './newsroom-time';

describe('formatNewsroomTime (the dateline)', () => {
  const moment = new Date('2024-12-05T09:38:00Z');

  it('shows Jakarta time in Indonesian with WIB', () => {
    expect(formatNewsroomTime(moment, 'Asia/Jakarta')).toBe('Kamis, 05 Desember 2024 | 16:38 WIB');
  });

  it('uses WITA and WIT for the other Indonesian zones', () => {
    expect(formatNewsroomTime(moment, 'Asia/Makassar')).toBe('Kamis, 05 Desember 2024 | 17:38 WITA');
    expect(formatNewsroomTime(moment, 'Asia/Jayapura')).toBe('Kamis, 05 Desember 2024 | 18:38 WIT');
  });

  it('leaves the zone out for the side lists', () => {
    expect(formatNewsroomTime(new Date('2026-02-11T12:58:00Z'), 'Asia/Jakarta', { withZone: false })).toBe('Rabu, 11 Februari 2026 | 19:58');
  });

  it('crosses midnight into the next local day', () => {
    expect(formatNewsroomTime(new Date('2026-02-21T17:10:00Z'), 'Asia/Jakarta')).toBe('Minggu, 22 Februari 2026 | 00:10 WIB');
  });

  it('names every weekday in Indonesian', () => {
    const days = Array.from({ length: 7 }, (_, i) => formatNewsroomTime(new Date(Date.UTC(2024, 11, 2 + i, 3)), 'Asia/Jakarta').split(',')[0]);
    expect(days).toEqual(['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu']);
  });

  it('shows every moment of a minute alike, whichever of zone and label was asked for first', () => {
    const late = new Date('2024-12-05T09:38:59.999Z');
    expect(formatNewsroomTime(late, 'Asia/Jayapura', { withZone: false })).toBe('Kamis, 05 Desember 2024 | 18:38');
    expect(formatNewsroomTime(moment, 'Asia/Jayapura')).toBe('Kamis, 05 Desember 2024 | 18:38 WIT');
    expect(formatNewsroomTime(late, 'Asia/Jakarta')).toBe('Kamis, 05 Desember 2024 | 16:38 WIB');
    expect(formatNewsroomTime(new Date('2024-12-05T09:39:00Z'), 'Asia/Jakarta')).toBe('Kamis, 05 Desember 2024 | 16:39 WIB');
  });

  it('labels zones outside Indonesia by their offset', () => {
    expect(zoneLabel(moment, 'UTC')).toBe('GMT+0');
    expect(zoneLabel(moment, 'Asia/Kolkata')).toBe('GMT+5:30');
  });
});

describe('parseNewsroomTime', () => {
  it('takes ISO-8601 with an offset as it is', () => {
    expect(parseNewsroomTime('2024-12-05T16:38:00+07:00', 'Asia/Jakarta').toISOString()).toBe('2024-12-05T09:38:00.000Z');
    expect(parseNewsroomTime('2024-12-05T09:38:00Z', 'Asia/Jayapura').toISOString()).toBe('2024-12-05T09:38:00.000Z');
  });

  it('reads a local time in the newsroom zone', () => {
    expect(parseNewsroomTime('2024-12-05 16:38', 'Asia/Jakarta').toISOString()).toBe('2024-12-05T09:38:00.000Z');
    expect(parseNewsroomTime('2024-12-05 16:38', 'Asia/Makassar').toISOString()).toBe('2024-12-05T08:38:00.000Z');
    expect(parseNewsroomTime('2024-12-05T16:38:30', 'Asia/Jakarta').toISOString()).toBe('2024-12-05T09:38:30.000Z');
  });

  it('handles a zone with daylight saving on both sides of the change', () => {
    expect(parseNewsroomTime('2024-07-01 12:00', 'Europe/Berlin').toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(parseNewsroomTime('2024-01-01 12:00', 'Europe/Berlin').toISOString()).toBe('2024-01-01T11:00:00.000Z');
  });

  it.each(['besok pagi', '2024-13-01 10:00', '2024-02-30 10:00', '2024-12-05 25:00', '2024-12-05', '1733391480', ''])('refuses %p with a 400 domain error', (input) => {
    expect(() => parseNewsroomTime(input, 'Asia/Jakarta')).toThrow(DomainError);
    expect(() => parseNewsroomTime(input, 'Asia/Jakarta')).toThrow(expect.objectContaining({ kind: 'invalid', code: 'TIME.INVALID' }));
  });
});

describe('isKnownTimeZone', () => {
  it('knows IANA zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Asia/Jakarta')).toBe(true);
    expect(isKnownTimeZone('Asia/Bandung')).toBe(false);
  });
});

describe('times outside the years 1970..9999', () => {
  it.each(['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '1900-01-01 10:00', '10000-01-01T00:00:00Z', '+010000-01-01T00:00:00Z'])('refuses %p with a 400 domain error', (input) => {
    expect(() => parseNewsroomTime(input, 'Asia/Jakarta')).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });

  it('says which years are accepted', () => {
    expect(() => parseNewsroomTime('0000-01-01T00:00:00Z', 'Asia/Jakarta')).toThrow(expect.objectContaining({ code: 'TIME.OUT_OF_RANGE', message: expect.stringContaining('1970..9999') }));
  });

  it('accepts the first and the last moment of the range', () => {
    expect(parseNewsroomTime('1970-01-01T00:00:00Z', 'Asia/Jakarta').toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(parseNewsroomTime('9999-12-31T23:59:59Z', 'Asia/Jakarta').toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(isWithinNewsroomYears(new Date('9999-12-31T23:59:59.999Z'))).toBe(true);
    expect(isWithinNewsroomYears(new Date('10000-01-01T00:00:00Z'))).toBe(false);
  });
});
