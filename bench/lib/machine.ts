import { cpus, totalmem } from 'node:os';

/** One line naming the machine and the date, for the head of every benchmark result. */
export function describeMachine(now = new Date()): string {
  const cpu = cpus();
  return `${now.toISOString().slice(0, 10)}, ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
