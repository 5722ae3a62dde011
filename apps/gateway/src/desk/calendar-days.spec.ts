import { addDays, calendarDays, dayLabel, hourRows, isDay, localDay, localInputValue, localTime } from './calendar-days';

describe('the calendar\'s local days', () => {
  const at = new Date('2024-12-05T17:30:05Z'); // 00:30 on Friday 6 December in Jakarta

  it('places a moment on its local day and time', () => {
    expect(localDay(at, 'Asia/Jakarta')).toBe('2024-12-06');
    expect(localTime(at, 'Asia/Jakarta')).toBe('00:30');
    expect(localInputValue(at, 'Asia/Jakarta')).toBe('2024-12-06T00:30:05');
  });

  it('shows a week from Monday to Sunday, and a day alone', () => {
    expect(calendarDays('week', '2024-12-06').days).toEqual(['2024-12-02', '2024-12-03', '2024-12-04', '2024-12-05', '2024-12-06', '2024-12-07', '2024-12-08']);
    expect(calendarDays('week', '2024-12-08').days[0]).toBe('2024-12-02');
    expect(calendarDays('day', '2024-12-06')).toEqual({ days: ['2024-12-06'], step: 1 });
  });

  it('names days in Indonesian and checks what it is given', () => {
    expect(dayLabel('2024-12-05')).toBe('Kamis, 05 Desember');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(isDay('2024-02-30')).toBe(false);
    expect(isDay('kemarin')).toBe(false);
    expect(isDay('2024-02-29')).toBe(true);
  });

  it('lays a day out in 24 local hours, each with its items, the current one marked', () => {
    const now = new Date('2024-12-06T02:15:00Z'); // 09:15 WIB
    const items = [{ time: '08:59', id: 'a' }, { time: '09:00', id: 'b' }, { time: '09:45', id: 'c' }, { time: '23:30', id: 'd' }];
    const rows = hourRows('2024-12-06', items, now, 'Asia/Jakarta');
    expect(rows.map((r) => r.hour)).toEqual(Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')));
    expect(rows[8]).toMatchObject({ items: [{ id: 'a' }], isNow: false, past: true, ahead: false, inputValue: '2024-12-06T08:00' });
    expect(rows[9]).toMatchObject({ items: [{ id: 'b' }, { id: 'c' }], isNow: true, past: false, ahead: false });
    expect(rows[10]).toMatchObject({ items: [], isNow: false, past: false, ahead: true, inputValue: '2024-12-06T10:00' });
    expect(rows[23].items).toEqual([{ time: '23:30', id: 'd' }]);
    // another day: no hour is now; tomorrow is all ahead, yesterday all past
    expect(hourRows('2024-12-07', [], now, 'Asia/Jakarta').every((r) => r.ahead && !r.isNow)).toBe(true);
    expect(hourRows('2024-12-05', [], now, 'Asia/Jakarta').every((r) => r.past && !r.ahead)).toBe(true);
  });
});
