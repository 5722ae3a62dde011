import { eventually, insertScheduledArticles, NewsroomProcesses } from '@newsroom/testing';
import { BenchDatabase } from './bench-database';
import { publishedInLog } from './publisher-log';

export interface BenchSetup {
  database: BenchDatabase;
  /** the harness, pointed at the bench database; no app runs between trials */
  newsroom: NewsroomProcesses;
  authorId: string;
}

export interface TrialPlan {
  count: number;
  /** how many publisher processes run */
  publishers: number;
  /** the first slot is this far ahead of the insert: room to start the publishers first */
  leadMs: number;
  /** the i-th article is due at first + i * everyMs (0: all in the same moment) */
  everyMs: number;
}

export interface TrialResult {
  /** each article's due time and the moment it went live, by the database clock (epoch ms) */
  slots: number[];
  live: number[];
  /** when the last article went live, counted from the last slot */
  drainMs: number;
  /** how many articles each publisher process says it published, in start order (how the work split) */
  publishedBy: number[];
}

/**
 * One measured run: articles inserted as `scheduled` in one statement, then
 * the publishers started, so their start-up reconciliation creates the delayed
 * jobs (exactly what happens after a deploy or a Redis loss; going through the
 * gateway's schedule endpoint would spend the lead on 10,000 HTTP requests).
 * The publishers must be up before the first slot, or start-up reconciliation
 * would be publishing instead of the jobs and the trial is refused.
 * Lateness is `published_at - scheduled_for` as Postgres stored them.
 */
export async function runGoLiveTrial(setup: BenchSetup, plan: TrialPlan): Promise<TrialResult> {
  const { database, newsroom } = setup;
  await database.clearArticles();
  await newsroom.flushRedisPrefix();
  const [{ now }] = await database.query<{ now: Date }>(`select now() as now`);
  // a whole second, so a burst is "all due in the same second" in every sense
  const firstAt = new Date(Math.ceil((now.getTime() + plan.leadMs) / 1000) * 1000);
  await insertScheduledArticles({ authorId: setup.authorId, count: plan.count, firstAt, everyMs: plan.everyMs, url: database.url });

  const keys: string[] = [];
  let publishedBy: number[] = [];
  try {
    await newsroom.startApp('publisher');
    keys.push('publisher');
    for (let i = 1; i < plan.publishers; i++) keys.push(await newsroom.startReplica('publisher'));
    const readyBeforeSlot = firstAt.getTime() - Date.now();
    if (readyBeforeSlot < 0) throw new Error(`the publishers were ready ${-readyBeforeSlot} ms after the first slot: raise the lead`);
    const lastSlot = firstAt.getTime() + (plan.count - 1) * plan.everyMs;
    await eventually(
      async () => (await database.query<{ n: number }>(`select count(*)::int as n from articles where status = 'published'`))[0].n === plan.count,
      { timeoutMs: lastSlot - Date.now() + 120_000, intervalMs: 250, what: `all ${plan.count} articles to go live` },
    );
    // read while they run (a stopped app's output goes with it), once the last batch's line came through the pipe
    const counts = () => keys.map((key) => publishedInLog(newsroom.logs(key)));
    const complete = () => counts().reduce((a, b) => a + b, 0) >= plan.count && counts();
    publishedBy = await eventually(complete, { timeoutMs: 2000, intervalMs: 20, what: 'the publishers to log every batch' }).catch(counts);
  } finally {
    for (const key of keys) await newsroom.stopApp(key);
  }
  const rows = await database.query<{ slot: string; live: string }>(
    `select (extract(epoch from scheduled_for) * 1000)::float8 as slot, (extract(epoch from published_at) * 1000)::float8 as live
       from articles order by scheduled_for, published_at`,
  );
  const slots = rows.map((r) => Number(r.slot));
  const live = rows.map((r) => Number(r.live));
  return { slots, live, drainMs: Math.max(...live) - Math.max(...slots), publishedBy };
}

export const latenesses = (trial: TrialResult): number[] => trial.live.map((at, i) => at - trial.slots[i]);
