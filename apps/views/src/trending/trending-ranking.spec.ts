import { rankTrending, trendingMinutes } from './trending-ranking';

describe('rankTrending ("Naik Daun")', () => {
  const map = (entries: [string, number][]) => new Map(entries);

  it('ranks by how much faster an article is read now than in its own previous hour', () => {
    const ranked = rankTrending(
      map([['rising', 30], ['steady', 300], ['new', 10]]),
      map([['rising', 11], ['steady', 1199]]),
    );
    // rising: 2/min against 0.2/min = 10; new: 0.67/min against 1/60 = 40; steady: 20/min against 20/min = 1
    expect(ranked.map((e) => e.articleId)).toEqual(['new', 'rising', 'steady']);
    expect(ranked).toEqual([
      { articleId: 'new', viewsLast15m: 10, velocity: 40 },
      { articleId: 'rising', viewsLast15m: 30, velocity: 10 },
      { articleId: 'steady', viewsLast15m: 300, velocity: 1 },
    ]);
  });

  it('leaves out what was barely read lately, and breaks ties by recent views', () => {
    const ranked = rankTrending(map([['a', 2], ['b', 6], ['c', 3]]), map([['b', 1], ['c', 0]]));
    expect(ranked.map((e) => e.articleId)).toEqual(['b', 'c']);
    expect(rankTrending(map([['x', 4], ['y', 4]]), map([])).map((e) => e.articleId)).toEqual(['x', 'y']);
  });

  it('reads the 15 minute buckets up to the current one and the 60 before them', () => {
    const { recent, previous } = trendingMinutes(36_000);
    expect(recent).toHaveLength(15);
    expect(recent[0]).toBe(36_000);
    expect(recent[14]).toBe(36_000 - 14 * 60);
    expect(previous).toHaveLength(60);
    expect(previous[0]).toBe(36_000 - 15 * 60);
    expect(previous[59]).toBe(36_000 - 74 * 60);
  });
});
