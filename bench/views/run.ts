import { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { QueueName } from '@newsroom/contracts';
import { BROWSER_USER_AGENT, NewsroomProcesses, ROOT, testRedisUrl, waitForQueuesToDrain } from '@newsroom/testing';
import { rebuildViewsIndex } from '../lib/archive';
import { startForkedServer } from '../lib/forked-server';
import { LoadResult, runLoad } from '../lib/load';
import { describeMachine } from '../lib/machine';
import { CpuUse, measureCpu } from '../lib/process-cpu';
import { median } from '../lib/stats';
import { benchDatabase, bulkLoad, countedViews } from './bench-database';
import { IngestionRun, MeasuredLoad, ReadRun, writeReport } from './report';

/**
 * `npm run bench:views`: view ingestion against its ceiling and a naive
 * baseline, exactness and lag of the counts, and the public lists' latency on
 * a large archive. Everything side by side in one run, repeated, medians.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const READ_SECONDS = Number(process.env.BENCH_READ_SECONDS ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CONNECTIONS = 50;
const ARTICLES = 100_000;
const VIEWS = 10_000_000;
const BATCH = 100;
const TARGETS = 1000;
const NAIVE_ROWS = 1000;
/** requests of each kind in the exactness check */
const EXACT_REQUESTS = 2000;
/**
 * Each server is loaded this long, unmeasured, before the runs: a fresh
 * process's first seconds measure V8 compiling its hot paths, not the paths,
 * and a server in service has long since compiled them. The site's CPU per
 * view settles only after about 10 s of load (172, 128, then 111-126 µs in
 * successive 5 s loads from its start: the probe's PROBE_TIMELINE).
 */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 10);
/** counts that did not move for this long (two flushes) have settled */
const SETTLED_AFTER_MS = 2500;

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[bench:views ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  await benchDatabase.create();
  const newsroom = await NewsroomProcesses.start({
    apps: ['gateway', 'views'],
    env: {
      ...benchDatabase.appEnv(),
    },
  });
  const servers: ChildProcess[] = [];
  const redis = new Redis(testRedisUrl());
  try {
    const adminId = (await (await newsroom.adminClient()).get('/users/me')).body.id as string;
    log(`loading ${ARTICLES} articles and ${VIEWS} views`);
    await benchDatabase.with((db) => bulkLoad(db, { authorId: adminId, articles: ARTICLES, views: VIEWS, naiveRows: NAIVE_ROWS }));
    await rebuildViewsIndex(newsroom);
    log('index and ranking rebuilt');

    const slugs = await benchDatabase.with(async (db) => (await db.query<{ slug: string }>(`select slug from articles order by random() limit ${TARGETS}`)).rows.map((r) => r.slug));
    const ceiling = await startForkedServer('views/ceiling-server.js');
    const naive = await startForkedServer('views/naive-server.js', [benchDatabase.url, String(NAIVE_ROWS)]);
    servers.push(ceiling.child, naive.child);

    let visitor = 0;
    const view = () => `{"slug":"${slugs[visitor % TARGETS]}","visitorId":"bench-${visitor++}"}`;
    const batch = () => `[${Array.from({ length: BATCH }, view).join(',')}]`;
    const post = (url: string, body: () => string, seconds = SECONDS) => runLoad({ url, seconds, connections: CONNECTIONS, method: 'POST', headers: { 'user-agent': BROWSER_USER_AGENT }, body });

    // Where each load's CPU goes: the load generator (this process), the server answering, the views service, Redis.
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
    const pids = (server: number | undefined) => ({ server, views: newsroom.pid('views'), redis: redisPid });
    const measured = async (server: number | undefined, load: () => Promise<LoadResult>) => {
      const { result, cpu } = await measureCpu(pids(server), load);
      return { ...result, cpu };
    };
    await post(ceiling.url, view, WARM_UP_SECONDS);
    await post(`${newsroom.baseUrl}/views`, view, WARM_UP_SECONDS);
    await post(`${newsroom.baseUrl}/views/batch`, batch, WARM_UP_SECONDS);
    await waitUntilCountsSettle();
    const ingestion: IngestionRun[] = [];
    for (let run = 1; run <= RUNS; run++) {
      // the ceiling before and after the gateway's single-view loads, as one: a neighbour's load coming or going
      // during the run then moves both sides of the ratio alike
      const bareBefore = await measured(ceiling.child.pid, () => post(ceiling.url, view));
      const single = await measured(newsroom.pid('gateway'), () => post(`${newsroom.baseUrl}/views`, view));
      const bareAfter = await measured(ceiling.child.pid, () => post(ceiling.url, view));
      const bare = bothCeilings(bareBefore, bareAfter);
      const batched = await measured(newsroom.pid('gateway'), () => post(`${newsroom.baseUrl}/views/batch`, batch));
      const drainMs = await waitUntilCountsSettle();
      // Exactness needs every answer: a timed load cuts off requests in flight, so this part sends a fixed amount.
      // Single views first, counted, then the batches: each kind's lag on its own (readers' views take the prompt lane,
      // a collector's batches the bulk lane, counted at the views service's pace).
      const counted0 = await benchDatabase.with(countedViews);
      const exactSingle = await runLoad({ url: `${newsroom.baseUrl}/views`, amount: EXACT_REQUESTS, connections: CONNECTIONS, method: 'POST', headers: { 'user-agent': BROWSER_USER_AGENT }, body: view });
      const { lagMs } = await waitForCounts(counted0 + exactSingle.ok, exactSingle.finishedAt);
      const exactBatch = await runLoad({ url: `${newsroom.baseUrl}/views/batch`, amount: EXACT_REQUESTS, connections: CONNECTIONS, method: 'POST', headers: { 'user-agent': BROWSER_USER_AGENT }, body: batch });
      const accepted = exactSingle.ok + exactBatch.ok * BATCH;
      const { counted, lagMs: batchLagMs } = await waitForCounts(counted0 + accepted, exactBatch.finishedAt);
      const baseline = await post(naive.url, view);
      ingestion.push({ bare, single, batched, naive: baseline, accepted, refused: exactSingle.failed + exactBatch.failed, counted: counted - counted0, lagMs, batchLagMs, drainMs });
      log(
        `run ${run}: ceiling ${bareBefore.rps.toFixed(0)}/s and ${bareAfter.rps.toFixed(0)}/s, /views ${single.rps.toFixed(0)}/s p99 ${single.p99} ms, /views/batch ${(batched.rps * BATCH).toFixed(0)} views/s, ` +
          `naive ${baseline.rps.toFixed(0)}/s; backlog drained ${drainMs} ms after the loads; counted ${counted - counted0}/${accepted}; single views visible after ${lagMs} ms, batches after ${batchLagMs} ms`,
      );
    }

    const reads: ReadRun[] = [];
    const paths = ['/articles/popular', '/articles/popular?window=24h&rubric=rubrik-1', '/articles/latest', '/articles/latest?rubric=rubrik-2'];
    for (const path of paths) {
      const results: LoadResult[] = [];
      for (let run = 0; run < RUNS; run++) results.push(await runLoad({ url: `${newsroom.baseUrl}${path}`, seconds: READ_SECONDS, connections: CONNECTIONS }));
      reads.push({ path, results });
      log(`${path}: p99 ${median(results.map((r) => r.p99))} ms, ${median(results.map((r) => r.rps)).toFixed(0)}/s`);
    }
    const plans = await benchDatabase.with(explainLists);

    const file = join(ROOT, 'docs/benchmarks/views.md');
    mkdirSync(join(ROOT, 'docs/benchmarks'), { recursive: true });
    writeFileSync(file, writeReport({ machine: describeMachine(), cores: cpus().length, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, readSeconds: READ_SECONDS, runs: RUNS, connections: CONNECTIONS, batch: BATCH, exactRequests: EXACT_REQUESTS, articles: ARTICLES, views: VIEWS, ingestion, reads, plans, totalSeconds: (Date.now() - started) / 1000 }));
    log(`wrote ${file}`);
  } finally {
    servers.forEach((s) => s.kill());
    redis.disconnect();
    await newsroom.stop();
    await benchDatabase.drop();
  }

  /** How long after the loads the counts kept moving: the queue's backlog being worked off. */
  async function waitUntilCountsSettle(): Promise<number> {
    const loadEnded = Date.now();
    // The queue first: while it works off a backlog the flush tick waits behind the batches, so the counts can
    // stand still for seconds and look settled when they are not.
    await waitForQueuesToDrain(newsroom.redisPrefix, { queues: [QueueName.ViewCounting], timeoutMs: 120_000 });
    const drained = Date.now();
    return benchDatabase.with(async (db) => {
      let last = await countedViews(db);
      let changedAt = drained;
      while (Date.now() - changedAt < SETTLED_AFTER_MS && Date.now() - loadEnded < 120_000) {
        await new Promise((r) => setTimeout(r, 100));
        const now = await countedViews(db);
        if (now !== last) [last, changedAt] = [now, Date.now()];
      }
      return changedAt - loadEnded;
    });
  }

  /** Polls Postgres until `expected` views are counted (or a minute passed); the lag runs from the end of the load. */
  async function waitForCounts(expected: number, loadEnded: number): Promise<{ counted: number; lagMs: number }> {
    return benchDatabase.with(async (db) => {
      let counted = await countedViews(db);
      while (counted < expected && Date.now() - loadEnded < 60_000) {
        await new Promise((r) => setTimeout(r, 25));
        counted = await countedViews(db);
      }
      return { counted, lagMs: Date.now() - loadEnded };
    });
  }
}

/** Two loads of the ceiling as one: the mean rate, the worse latencies, every request and CPU second. */
function bothCeilings(a: MeasuredLoad, b: MeasuredLoad): MeasuredLoad {
  const cpu: CpuUse = {};
  for (const who of new Set([...Object.keys(a.cpu), ...Object.keys(b.cpu)])) cpu[who] = (a.cpu[who] ?? 0) + (b.cpu[who] ?? 0);
  return {
    rps: (a.rps + b.rps) / 2,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    ok: a.ok + b.ok,
    failed: a.failed + b.failed,
    finishedAt: b.finishedAt,
    cpu,
  };
}

/** The UPDATE list's plans at this archive size: they must walk an index, not sort the table. */
async function explainLists(db: import('pg').Client): Promise<string> {
  const explain = async (sql: string) =>
    (await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, costs off, timing on, summary on) ${sql}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const latest = `select a.id from articles a where a.status = 'published' order by a.published_at desc, a.id desc limit 10`;
  const rubric = `select a.id from articles a where a.status = 'published' and a.rubric_id = (select id from rubrics where slug = 'rubrik-2')
                   and (a.published_at, a.id) < (now() - interval '30 days', 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)
                   order by a.published_at desc, a.id desc limit 10`;
  return `-- latest, all rubrics\n${await explain(latest)}\n\n-- latest, one rubric, a page deep in the archive (cursor)\n${await explain(rubric)}`;
}


main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
