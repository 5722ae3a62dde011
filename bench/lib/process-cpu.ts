import { readFileSync } from 'node:fs';

/** Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, all threads) a process has used so far, from /proc; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name may hold spaces and parentheses: fields are counted from after its closing one
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** The CPU this process has used so far (the load generator runs here), in seconds. */
function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export type CpuUse = Record<string, number>;

/**
 * CPU seconds each named process spends during a piece of work: where the
 * time of a request goes when every process of the system shares two cores.
 * `self` is the process measuring (the load generator).
 */
export async function measureCpu<T>(pids: Record<string, number | undefined>, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse }> {
  const named = Object.entries(pids).filter((entry): entry is [string, number] => entry[1] !== undefined);
  const before = named.map(([, pid]) => cpuSecondsOf(pid));
  const selfBefore = ownCpuSeconds();
  const result = await work();
  const cpu: CpuUse = { self: ownCpuSeconds() - selfBefore };
  named.forEach(([name, pid], i) => (cpu[name] = cpuSecondsOf(pid) - before[i]));
  return { result, cpu };
}

/**
 * CPU seconds every core of the machine has been busy and has been counted in
 * total so far (/proc/stat, all processes, ours and the neighbours'): how
 * close to saturated the cores were during a piece of work.
 */
export function machineCpuSeconds(stat = readFileSync('/proc/stat', 'utf8')): { busy: number; total: number } {
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user already)
  const ticks = stat.split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  const idle = ticks[3] + ticks[4];
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}
