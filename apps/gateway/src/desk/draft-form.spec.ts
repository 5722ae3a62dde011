import { embargoInputValue } from './draft-form';

describe('the embargo field', () => {
  it('shows the embargo in local newsroom time, seconds only when set', () => {
    expect(embargoInputValue('2024-12-05T09:00:00.000Z', 'Asia/Jakarta')).toBe('2024-12-05 16:00');
    expect(embargoInputValue('2024-12-05T17:30:05Z', 'Asia/Jakarta')).toBe('2024-12-06 00:30:05');
    expect(embargoInputValue(null, 'Asia/Jakarta')).toBe('');
  });
});
