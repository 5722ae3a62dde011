import { Summary } from '../lib/stats';

export interface BurstConfigResult {
  publishers: number;
  /** medians over the runs */
  drainMs: number;
  p50: number;
  p99: number;
  max: number;
  runDrainsMs: number[];
}

export interface PublishingReport {
  machine: string;
  measuredAt: Date;
  burstSize: number;
  bursts: BurstConfigResult[];
  steady: { count: number; everyMs: number; ours: Summary; cron: Summary };
  drainTargetMs: number;
  steadyTargetMs: number;
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const s = (value: number) => `${(value / 1000).toFixed(1)} s`;

/** The results as the markdown that goes to docs/benchmarks/publishing.md (and to the console). */
export function publishingReport(r: PublishingReport): string {
  const [one, two] = r.bursts;
  const ratio = one.drainMs / two.drainMs;
  return `# Publishing benchmark

${r.machine}; measured ${r.measuredAt.toISOString()}.

Command: \`npm run bench:publish\` (one burst alone, for profiling: \`PROBE_PUBLISHERS=2 PROBE_TIMELINE=1 node dist/bench/publish/probe.js\`).
It recreates and migrates its own database (\`newsroom_bench\`, dropped at the end), uses a Redis key prefix
of its own, and runs the built publisher as real processes. Lateness is \`published_at - scheduled_for\` as
Postgres stored them (the database clock decides both). The machine is shared and noisy: burst figures are
medians of ${one.runDrainsMs.length} runs per configuration, the configurations interleaved.

## Burst: ${r.burstSize.toLocaleString('en-US')} approved articles due in the same second

The articles are inserted as \`scheduled\` in one statement, then the publisher(s) start and their start-up
reconciliation creates the delayed jobs (as after a deploy or a Redis loss), well before the slot.
Drain is the moment the last article went live, counted from the slot.

| publishers | drain (median) | lateness p50 | lateness p99 | lateness max | drain of each run |
|---:|---:|---:|---:|---:|---|
${r.bursts.map((b) => `| ${b.publishers} | ${s(b.drainMs)} | ${ms(b.p50)} | ${ms(b.p99)} | ${ms(b.max)} | ${b.runDrainsMs.map(s).join(', ')} |`).join('\n')}

- Two publishers drain the burst **${ratio.toFixed(2)}x** as fast as one (median drain ${s(one.drainMs)} / ${s(two.drainMs)}).
- Target, all live within ${s(r.drainTargetMs)} with one publisher: **${one.drainMs <= r.drainTargetMs ? 'met' : 'not met'}**.

## Steady: ${r.steady.count} articles, one due every ${r.steady.everyMs} ms, against a once-a-minute poller

One publisher. The due times span ${s(r.steady.count * r.steady.everyMs)}, so they fall evenly across the minute.
The poller row is **computed, not run**: for the same due times, the wait until the next whole-minute tick of
a cron-style poller (\`* * * * *\`, as Wagtail's \`publish_scheduled\` and Drupal's scheduler are deployed),
leaving out the poller's own query time.

| publishing | p50 | p99 | max |
|---|---:|---:|---:|
| this publisher (measured) | ${ms(r.steady.ours.p50)} | ${ms(r.steady.ours.p99)} | ${ms(r.steady.ours.max)} |
| once-a-minute poller (computed from the same due times) | ${ms(r.steady.cron.p50)} | ${ms(r.steady.cron.p99)} | ${ms(r.steady.cron.max)} |

- Target, p99 under ${ms(r.steadyTargetMs)}: **${r.steady.ours.p99 < r.steadyTargetMs ? 'met' : 'not met'}**.
`;
}
