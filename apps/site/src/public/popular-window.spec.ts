import { DEFAULT_POPULAR_WINDOW, isPopularWindow, popularWindowHours } from './popular-window';

describe('popular windows', () => {
  it('reaches back 24 hours, 7 days or 30 days', () => {
    expect(popularWindowHours('24h')).toBe(24);
    expect(popularWindowHours('7d')).toBe(168);
    expect(popularWindowHours('30d')).toBe(720);
    expect(DEFAULT_POPULAR_WINDOW).toBe('7d');
  });

  it('knows only the three windows the site offers', () => {
    for (const ok of ['24h', '7d', '30d']) expect(isPopularWindow(ok)).toBe(true);
    for (const bad of ['7D', '1w', '24', '', undefined, 7]) expect(isPopularWindow(bad)).toBe(false);
  });
});
