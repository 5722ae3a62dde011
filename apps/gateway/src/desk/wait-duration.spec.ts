import { waitDuration } from './wait-duration';

describe('waitDuration', () => {
  it('shows seconds, minutes, then hours and minutes', () => {
    expect(waitDuration(45)).toBe('45 dtk');
    expect(waitDuration(60)).toBe('1 mnt');
    expect(waitDuration(12 * 60 + 59)).toBe('12 mnt');
    expect(waitDuration(3600 + 5 * 60)).toBe('1 j 05 mnt');
    expect(waitDuration(26 * 3600)).toBe('26 j 00 mnt');
  });

  it('shows a dash when nothing was measured', () => {
    expect(waitDuration(null)).toBe('–');
  });
});
