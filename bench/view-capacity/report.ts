import type { CpuUse } from '../lib/process-cpu';

/** One rung of the ladder: an open load at `offered` views per second. */
export interface CapacityStep {
  offered: number;
  acceptedPerSecond: number;
  /** beacon requests' p99 latency, ms */
  p99: number;
  /** requests not answered 202 */
  refused: number;
  accepted: number;
  counted: number;
  /** the longest any accepted view waited to show in Postgres */
  longestLagMs: number;
  /** views accepted but not counted yet when the load ended */
  backlogAtEnd: number;
  /** from the load's end to every accepted view counted */
  drainMs: number;
  /** CPU microseconds per accepted view of each process (self: the load generator) */
  cpuPerView: CpuUse;
}

/** The highest rate at which every view showed within the promise and the site took the whole load. */
export function capacityOf(steps: readonly CapacityStep[], promiseMs: number): CapacityStep | undefined {
  const kept = steps.filter((s) => s.longestLagMs <= promiseMs && s.acceptedPerSecond >= 0.95 * s.offered && s.counted === s.accepted);
  return kept.sort((a, b) => b.offered - a.offered)[0];
}

/** Views per second the backlog left at a load's end was worked off at (undefined: nothing was left). */
export function drainRate(step: CapacityStep): number | undefined {
  return step.backlogAtEnd > 0 && step.drainMs > 0 ? (step.backlogAtEnd * 1000) / step.drainMs : undefined;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function writeCapacityReport(report: {
  machine: string;
  seconds: number;
  batch: number;
  connections: number;
  promiseMs: number;
  steps: CapacityStep[];
  totalSeconds: number;
}): string {
  const capacity = capacityOf(report.steps, report.promiseMs);
  const rows = report.steps.map((s) => {
    const drain = drainRate(s);
    const cpu = ['site', 'views', 'redis', 'self'].map((who) => int(s.cpuPerView[who] ?? 0)).join(' / ');
    return `| ${int(s.offered)} | ${int(s.acceptedPerSecond)} | ${s.p99} | ${int(s.longestLagMs)} | ${int(s.backlogAtEnd)} | ${drain ? `${int(drain)} views/s in ${int(s.drainMs)} ms` : '–'} | ${int(s.counted)} / ${int(s.accepted)} | ${cpu} |`;
  });
  return `# View counting capacity (\`npm run bench:view-capacity\`)

${report.machine}. Every app, Postgres, Redis and the load generator share the machine's cores.

An open load of \`POST /views/batch\` with ${report.batch} views per request (a page's beacons sent together: the
readers' lane), ${report.seconds} s per step at a fixed rate (autocannon's \`overallRate\`, ${report.connections}
connections), doubling until the counts fall behind. "Longest wait" is the longest any accepted view took from its
202 to its count in Postgres (\`article_view_totals\`, polled every 100 ms); "backlog" is what was accepted and not
yet counted when the load ended, and how fast it was then worked off.

**Counts within ${report.promiseMs / 1000} s up to: ${capacity ? `${int(capacity.offered)} views/s` : 'below the first step'}** (the highest step where
every view showed within the promise and the site took the whole load).

| offered views/s | accepted views/s | beacon p99 ms | longest wait to be counted, ms | backlog at the end | drained at | counted / accepted | CPU µs per view: site / views / Redis / load generator |
|---:|---:|---:|---:|---:|---|---|---|
${rows.join('\n')}

The whole run took ${int(report.totalSeconds)} s.
`;
}
