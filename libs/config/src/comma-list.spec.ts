import { commaList } from './comma-list';

describe('commaList', () => {
  it('reads a comma-separated setting, blanks dropped', () => {
    expect(commaList(' 10.0.0.1, ,loopback ')).toEqual(['10.0.0.1', 'loopback']);
    expect(commaList('')).toEqual([]);
    expect(commaList(undefined)).toEqual([]);
  });
});
