import { hottestShare, parseCommandStats, projectedRate, redisBoundRate, sharesOf, totalOf } from './redis-spread';

describe('how Redis work spreads over a cluster\'s masters', () => {
  it('reads INFO commandstats, subcommands included, and sums it', () => {
    const info = [
      '# Commandstats',
      'cmdstat_evalsha:calls=1200,usec=96000,usec_per_call=80.00,rejected_calls=0,failed_calls=0',
      'cmdstat_client|setname:calls=3,usec=4,usec_per_call=1.33,rejected_calls=0,failed_calls=0',
      'cmdstat_hmget:calls=40,usec=100,usec_per_call=2.50,rejected_calls=0,failed_calls=0',
      '',
    ].join('\r\n');
    const stats = parseCommandStats(info);
    expect(stats.get('evalsha')).toEqual({ calls: 1200, usec: 96000 });
    expect(stats.get('client|setname')).toEqual({ calls: 3, usec: 4 });
    expect(totalOf(stats)).toEqual({ calls: 1243, usec: 96104 });
    expect(parseCommandStats('# Commandstats\r\n').size).toBe(0);
  });

  it('gives each master its share, and the hottest one', () => {
    expect(sharesOf([1, 1, 2])).toEqual([0.25, 0.25, 0.5]);
    expect(hottestShare([3, 3, 3])).toBeCloseTo(1 / 3);
    expect(hottestShare([0, 0, 6])).toBe(1);
    // nothing measured: no master is hotter than another
    expect(sharesOf([0, 0])).toEqual([0.5, 0.5]);
  });

  it('projects a cluster as fast as its hottest master lets it be', () => {
    expect(projectedRate(30_000, 1 / 3)).toBeCloseTo(90_000);
    expect(projectedRate(30_000, 0.5)).toBe(60_000);
    // all the work on one master: no faster than one master alone
    expect(projectedRate(30_000, 1)).toBe(30_000);
    expect(() => projectedRate(30_000, 0)).toThrow(/share/);
    expect(() => projectedRate(30_000, 1.5)).toThrow(/share/);
  });

  it('counts what the busiest master\'s thread would handle per CPU second', () => {
    expect(redisBoundRate(300_000, 2)).toBe(150_000);
    expect(redisBoundRate(300_000, 0)).toBe(Infinity);
  });
});
