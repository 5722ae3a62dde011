/**
 * One burst, one configuration, for looking inside rather than for the report:
 * `PROBE_PUBLISHERS=2 PROBE_CPU_PROF=<dir> node dist/bench/publish/probe.js`
 * has the publishers write CPU profiles there when they stop.
 */
import { join } from 'node:path';
import { createStaff, ensureRubric, NewsroomProcesses } from '@newsroom/testing';
import { summarize } from '../lib/stats';
import { BenchDatabase } from './bench-database';
import { latenesses, runGoLiveTrial } from './go-live-trial';

async function main(): Promise<void> {
  const database = new BenchDatabase();
  await database.recreate();
  const profile = process.env.PROBE_CPU_PROF;
  const newsroom = await NewsroomProcesses.start({
    apps: ['gateway'],
    env: {
      DATABASE_URL: database.url,
      ...(profile ? { NODE_OPTIONS: `--require ${join(__dirname, '../views/cpu-profile.js')}`, PROFILE_DIR: profile } : {}),
    },
  });
  try {
    const admin = await newsroom.adminClient();
    await ensureRubric(admin);
    const author = await createStaff(admin, ['reporter']);
    await newsroom.stopApp('gateway');
    const trial = await runGoLiveTrial({ database, newsroom, authorId: author.id }, { count: Number(process.env.PROBE_COUNT ?? 10_000), publishers: Number(process.env.PROBE_PUBLISHERS ?? 1), leadMs: 15_000, everyMs: 0 });
    const late = summarize(latenesses(trial));
    if (process.env.PROBE_TIMELINE) {
      // one publish transaction per distinct published_at: when each batch went live, and how big it was
      const batches = new Map<number, number>();
      for (const at of trial.live) batches.set(at, (batches.get(at) ?? 0) + 1);
      const slot = Math.max(...trial.slots);
      console.log([...batches].sort((a, b) => a[0] - b[0]).map(([at, n]) => `+${at - slot}ms:${n}`).join(' '));
    }
    console.log(`drained in ${trial.drainMs} ms, lateness min ${late.min} ms, p50 ${late.p50} ms, p90 ${late.p90} ms, p99 ${late.p99} ms`);
  } finally {
    await newsroom.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
