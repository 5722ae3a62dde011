/**
 * `npm run bench:publish`: how punctual scheduled publishing is, in a burst
 * (10,000 articles due in the same second, one and two publishers) and in a
 * steady stream (against a once-a-minute poller), on this machine. Prints a
 * markdown report and writes it to docs/benchmarks/publishing.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStaff, ensureRubric, NewsroomProcesses, ROOT } from '@newsroom/testing';
import { describeMachine } from '../lib/machine';
import { median, summarize } from '../lib/stats';
import { BenchDatabase } from './bench-database';
import { cronLateness } from './cron-anchor';
import { BenchSetup, latenesses, runGoLiveTrial } from './go-live-trial';
import { BurstConfigResult, publishingReport } from './report';

const BURST_SIZE = 10_000;
/** long enough for two publishers to start and create 10,000 delayed jobs on a busy 2-core machine */
const BURST_LEAD_MS = 15_000;
const RUNS_PER_CONFIG = 3;
const PUBLISHER_COUNTS = [1, 2];
/** 600 slots 100 ms apart: one minute, so the poller comparison sees every position in the minute */
const STEADY = { count: 600, everyMs: 100, leadMs: 12_000 };

async function prepare(database: BenchDatabase): Promise<BenchSetup> {
  await database.recreate();
  const newsroom = await NewsroomProcesses.start({ apps: ['gateway'], env: { DATABASE_URL: database.url } });
  const admin = await newsroom.adminClient();
  await ensureRubric(admin);
  const author = await createStaff(admin, ['reporter']);
  // only the publishers run while measuring
  await newsroom.stopApp('gateway');
  return { database, newsroom, authorId: author.id };
}

async function burst(setup: BenchSetup): Promise<BurstConfigResult[]> {
  const runs = new Map<number, { drainMs: number; p50: number; p99: number; max: number }[]>(PUBLISHER_COUNTS.map((n) => [n, []]));
  // interleaved, so a noisy neighbour's busy minute does not land on one configuration only
  for (let run = 1; run <= RUNS_PER_CONFIG; run++) {
    for (const publishers of PUBLISHER_COUNTS) {
      const trial = await runGoLiveTrial(setup, { count: BURST_SIZE, publishers, leadMs: BURST_LEAD_MS, everyMs: 0 });
      const late = summarize(latenesses(trial));
      runs.get(publishers)!.push({ drainMs: trial.drainMs, p50: late.p50, p99: late.p99, max: late.max });
      console.log(`burst run ${run}, ${publishers} publisher(s): drained in ${trial.drainMs} ms, lateness p50 ${late.p50} ms, p99 ${late.p99} ms`);
    }
  }
  return PUBLISHER_COUNTS.map((publishers) => {
    const results = runs.get(publishers)!;
    const med = (key: 'drainMs' | 'p50' | 'p99' | 'max') => median(results.map((r) => r[key]));
    return { publishers, drainMs: med('drainMs'), p50: med('p50'), p99: med('p99'), max: med('max'), runDrainsMs: results.map((r) => r.drainMs) };
  });
}

async function steady(setup: BenchSetup) {
  const trial = await runGoLiveTrial(setup, { ...STEADY, publishers: 1 });
  const ours = summarize(latenesses(trial));
  const cron = summarize(trial.slots.map((slot) => cronLateness(slot)));
  console.log(`steady: lateness p50 ${ours.p50} ms, p99 ${ours.p99} ms; a once-a-minute poller (computed): p50 ${cron.p50} ms, p99 ${cron.p99} ms`);
  return { count: STEADY.count, everyMs: STEADY.everyMs, ours, cron };
}

async function main(): Promise<void> {
  const measuredAt = new Date();
  const database = new BenchDatabase();
  let setup: BenchSetup | undefined;
  try {
    setup = await prepare(database);
    const bursts = await burst(setup);
    const steadyResult = await steady(setup);
    const markdown = publishingReport({
      machine: describeMachine(measuredAt),
      measuredAt,
      burstSize: BURST_SIZE,
      bursts,
      steady: steadyResult,
      drainTargetMs: 10_000,
      steadyTargetMs: 500,
    });
    console.log(`\n${markdown}`);
    const dir = join(ROOT, 'docs/benchmarks');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'publishing.md'), markdown);
    console.log(`written to ${join(dir, 'publishing.md')}`);
  } finally {
    await setup?.newsroom.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:publish failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
