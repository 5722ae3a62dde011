/** One Redis command's figures in `INFO commandstats`. */
export interface CommandStat {
  calls: number;
  /** microseconds Redis spent executing it (inside its one thread) */
  usec: number;
}

/** `INFO commandstats` as a map by command name (`evalsha`, `hmget`, `client|setname`, ...). */
export function parseCommandStats(info: string): Map<string, CommandStat> {
  const stats = new Map<string, CommandStat>();
  for (const line of info.split(/\r?\n/)) {
    const match = /^cmdstat_([^:]+):(.*)$/.exec(line.trim());
    if (!match) continue;
    const fields = new Map(match[2].split(',').map((pair) => pair.split('=') as [string, string]));
    stats.set(match[1], { calls: Number(fields.get('calls') ?? 0), usec: Number(fields.get('usec') ?? 0) });
  }
  return stats;
}

/** Calls and time summed over every command. */
export function totalOf(stats: Map<string, CommandStat>): CommandStat {
  let calls = 0;
  let usec = 0;
  for (const stat of stats.values()) [calls, usec] = [calls + stat.calls, usec + stat.usec];
  return { calls, usec };
}

/** Each value's part of their sum (equal parts when the sum is zero: nothing measured spreads evenly). */
export function sharesOf(values: readonly number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((v) => v / sum) : values.map(() => 1 / values.length);
}

/** The largest part: the master that saturates first when the load grows. */
export function hottestShare(values: readonly number[]): number {
  return Math.max(...sharesOf(values));
}

/**
 * What the cluster would count per second if each master had a core of its
 * own and the masters' single Redis threads were the bottleneck: the hottest
 * master then saturates first, at the rate one master alone reached, so the
 * whole cluster goes 1 / (its share) as fast. 3 equal masters: 3x; all the
 * work on one of them: 1x, however many there are.
 */
export function projectedRate(oneMasterRate: number, hottestMasterShare: number): number {
  if (!(hottestMasterShare > 0 && hottestMasterShare <= 1)) throw new Error(`a master's share must be in (0, 1], got ${hottestMasterShare}`);
  return oneMasterRate / hottestMasterShare;
}

/**
 * The rate at which the busiest master's thread would be fully used: views
 * counted per CPU second it spent. Unlike projectedRate this needs no
 * assumption that the cluster does as much work in total as one master does.
 */
export function redisBoundRate(views: number, busiestMasterCpuSeconds: number): number {
  return busiestMasterCpuSeconds > 0 ? views / busiestMasterCpuSeconds : Infinity;
}
