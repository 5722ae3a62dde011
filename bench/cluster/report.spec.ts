import type { BurstTrial } from './publish-burst';
import { spreadOf, writeClusterReport } from './report';
import type { MasterFigures, ViewCountingTrial } from './view-counting-trial';

const master = (port: number, cpuSeconds: number, commandUsec: number, ownKeys = false): MasterFigures => ({
  port,
  cpuSeconds,
  calls: 1000,
  commandUsec,
  evalshaCalls: 100,
  evalshaUsec: commandUsec / 2,
  keys: 10,
  viewShards: 4,
  ownKeys,
  topCommands: [{ name: 'evalsha', ms: commandUsec / 2000 }],
});

const trial = (masters: MasterFigures[], countedPerSecond: number): ViewCountingTrial => ({
  masters: masters.length,
  accepted: 100_000,
  counted: 100_000,
  acceptedPerSecond: countedPerSecond * 1.5,
  countedPerSecond,
  countedAfterLoadMs: 1000,
  failed: 0,
  exact: true,
  wallSeconds: 10,
  cpu: { self: 0.5, site: 2, views: 2, redis: masters.reduce((sum, m) => sum + m.cpuSeconds, 0) },
  machine: { busy: 20, total: 20 },
  perMaster: masters,
});

const burst: BurstTrial = { leadMs: 15_000, drainMs: 2500, p50: 400, p99: 2400, once: 10_000, doubled: 0, missing: 0, publishedBy: [5500, 4500] };

describe('the cluster benchmark\'s report', () => {
  // one master alone spent 3 CPU s; of three, the hottest spent half of their 4 s
  const run = { one: trial([master(7000, 3, 3_000_000, true)], 10_000), three: trial([master(7001, 2, 2_000_000, true), master(7002, 1, 1_000_000), master(7003, 1, 1_000_000)], 12_000) };

  it('projects from the hottest master\'s share of the Redis CPU', () => {
    const spread = spreadOf(run);
    expect(spread.hottest).toBe(0.5);
    expect(spread.projectedRatio).toBe(2);
    expect(spread.projected).toBe(20_000);
    expect(spread.measuredRatio).toBeCloseTo(1.2);
    // views per CPU second of the busiest master: 100,000 / 3 alone, 100,000 / 2 on three
    expect(spread.redisBoundThree / spread.redisBoundOne).toBeCloseTo(1.5);
  });

  it('puts each target beside its figure', () => {
    const report = writeClusterReport({
      machine: '2026-12-06, 2 x test CPU',
      cores: 2,
      totalSeconds: 300,
      viewShards: 12,
      requests: 1000,
      batch: 100,
      connections: 50,
      articles: 1000,
      views: [run, run, run],
      burstSize: 10_000,
      publishers: 2,
      bursts: [burst, { ...burst, drainMs: 12_000 }, burst],
      scalingTarget: 2,
      drainTargetMs: 10_000,
    });
    expect(report).toContain('= **20,000 views/s, 2.00x** of one master');
    expect(report).toMatch(/3 masters >= 2x of 1 master .*\| met by projection \(\*\*not\*\* all three ways\)/);
    expect(report).toMatch(/all live within 10.00 s \| median \*\*2.50 s\*\* .*\| met \|/);
    expect(report).toContain('| 5,500 / 4,500 |');
    expect(report).toContain('holding 4 view shards, the deployment\'s own keys');
  });
});
