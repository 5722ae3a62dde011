import { Client } from 'pg';
import { STATS_SETTINGS, STATS_SQL, statsParams } from '../../apps/gateway/src/review-stats/review-stats.query';
import { describeMachine } from '../lib/machine';
import { summarize } from '../lib/stats';

/**
 * GET /review-queue/stats' one statement against a database seeded by
 * bench/review-stats/seed.sql (100,000 reviewed articles, ~800,000 history
 * lines): the plan (EXPLAIN ANALYZE) and the median of 7 runs per window,
 * beside a baseline in the same run: counting the same window's rows by a
 * sequential scan of article_events (what the statement would cost without
 * its index). Usage: BENCH_DATABASE_URL=postgres://.../newsroom_bench_x node dist/bench/review-stats/run.js
 */
async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url || !/bench/.test(url)) throw new Error('BENCH_DATABASE_URL must name a database whose name contains "bench" (seeded by seed.sql)');
  const db = new Client({ connectionString: url });
  await db.connect();
  const sla = { minutes: 30, breakingMinutes: 5 };
  const toPg = (sql: string) => { let n = 0; return sql.replace(/\?/g, () => `$${++n}`); };
  const time = async (sql: string, params: unknown[]) => {
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = process.hrtime.bigint();
      await db.query(sql, params);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return summarize(samples).p50;
  };
  console.log(`# review stats, ${describeMachine()}`);
  const [{ articles }] = (await db.query('select count(*)::int as articles from articles')).rows;
  const [{ events }] = (await db.query('select count(*)::int as events from article_events')).rows;
  console.log(`${articles} articles, ${events} history lines`);
  const [{ id: rubricId }] = (await db.query(`select id from rubrics order by slug limit 1`)).rows;
  for (const [name, hours, rubric] of [['24h', 24, null], ['7d', 168, null], ['30d', 720, null], ['30d, one rubric', 720, rubricId]] as const) {
    const sql = toPg(STATS_SQL(rubric !== null));
    const params = statsParams(hours, rubric, sla);
    await db.query('begin');
    await db.query(STATS_SETTINGS);
    const median = await time(sql, params);
    await db.query('set local enable_indexscan = off; set local enable_bitmapscan = off');
    const baseline = await time(`select count(*) from article_events where at >= now() - make_interval(hours => $1)`, [hours]);
    await db.query('reset enable_indexscan; reset enable_bitmapscan');
    const plan = (await db.query(`explain (analyze, buffers) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    await db.query('commit');
    console.log(`\n## ${name}: median ${median.toFixed(1)} ms (baseline, a sequential count of the window: ${baseline.toFixed(1)} ms, ratio ${(median / baseline).toFixed(2)})`);
    console.log(plan.split('\n').filter((line) => /Index|Heap Fetches|Seq Scan|Execution Time|Planning Time/.test(line)).join('\n'));
  }
  await db.end();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
