import { longestCountLag } from './count-lag';

describe('longestCountLag', () => {
  it('is the wait of the earliest view each poll newly shows', () => {
    const accepted = [[1000, 10], [2000, 20], [3000, 30]] as const;
    // views 1-10 shown at 1500 (waited 500), 11-30 at 4200: view 11 was accepted at 2000, so 2200
    const counted = [[1500, 10], [2500, 10], [4200, 30]] as const;
    expect(longestCountLag(accepted, counted, 5000)).toBe(2200);
  });

  it('counts a view never shown as waiting until the end', () => {
    expect(longestCountLag([[1000, 10], [2000, 20]], [[1800, 10]], 9000)).toBe(7000);
  });

  it('is 0 with nothing accepted', () => {
    expect(longestCountLag([], [[1000, 0]], 2000)).toBe(0);
  });
});
