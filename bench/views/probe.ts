import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { BROWSER_USER_AGENT, DIST, freePort, NewsroomProcesses, testRedisUrl } from '@newsroom/testing';
import { runLoad } from '../lib/load';
import { rebuildViewsIndex } from '../lib/archive';
import { median } from '../lib/stats';
import { measureCpu } from '../lib/process-cpu';
import { benchDatabase, bulkLoad } from './bench-database';

/**
 * A quick look at view ingestion while working on it (not a report): a small
 * archive, one short run of the ceiling, POST /views and POST /views/batch.
 * `PROBE_CPU_PROF=<dir>` has the gateway and views processes write CPU
 * profiles there when they stop; `PROBE_REPEAT=n` measures the ceiling and
 * POST /views in turn n times (a ratio that a noisy machine moves less);
 * `PROBE_TIMELINE=n` loads POST /views n times from the site's start, with
 * its CPU per request each time (how long it takes to settle). `node dist/bench/views/probe.js`.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ARTICLES = 1000;
const BATCH = 100;

async function main(): Promise<void> {
  await benchDatabase.create();
  const profile = process.env.PROBE_CPU_PROF;
  const newsroom = await NewsroomProcesses.start({
    apps: ['gateway', 'views'],
    env: {
      ...benchDatabase.appEnv(),
      ...(profile ? { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.js')}`, PROFILE_DIR: profile } : {}),
    },
  });
  const redis = new Redis(testRedisUrl());
  let ceiling: ChildProcess | undefined;
  try {
    const adminId = (await (await newsroom.adminClient()).get('/users/me')).body.id as string;
    await benchDatabase.with((db) => bulkLoad(db, { authorId: adminId, articles: ARTICLES, views: 200_000, naiveRows: 1 }));
    await rebuildViewsIndex(newsroom, 60_000);
    const slugs = await benchDatabase.with(async (db) => (await db.query<{ slug: string }>('select slug from articles')).rows.map((r) => r.slug));

    const port = await freePort();
    ceiling = fork(join(DIST, 'bench/views/ceiling-server.js'), [String(port)], { stdio: 'inherit' });
    await once(ceiling, 'message');

    let visitor = 0;
    const view = () => `{"slug":"${slugs[visitor % slugs.length]}","visitorId":"probe-${visitor++}"}`;
    const batch = () => `[${Array.from({ length: BATCH }, view).join(',')}]`;
    const post = (url: string, body: () => string) => runLoad({ url, seconds: SECONDS, connections: 50, method: 'POST', headers: { 'user-agent': BROWSER_USER_AGENT }, body });
    // PROBE_INGEST_ONLY=1: the views service stopped during the loads, so the gateway alone is measured (the views queue up)
    if (process.env.PROBE_INGEST_ONLY) await newsroom.stopApp('views');
    // PROBE_READS=1: GET /articles/popular alone (the Populer list's cost per request)
    if (process.env.PROBE_READS) {
      const reads = await runLoad({ url: `${newsroom.baseUrl}/articles/popular`, seconds: SECONDS, connections: 50 });
      console.log(`/articles/popular ${reads.rps.toFixed(0)}/s p99 ${reads.p99} ms, failed ${reads.failed}`);
      return;
    }
    // PROBE_SINGLE_ONLY=1: POST /views alone (a steady load to watch the processes' CPU)
    if (process.env.PROBE_SINGLE_ONLY) {
      if (process.env.PROBE_REDIS_STATS) await redis.config('RESETSTAT');
      const single = await post(`${newsroom.baseUrl}/views`, view);
      console.log(`/views ${single.rps.toFixed(0)}/s p99 ${single.p99} ms, failed ${single.failed}`);
      if (process.env.PROBE_REDIS_STATS) console.log(await redis.info('commandstats'));
      return;
    }
    // PROBE_TIMELINE=n: n loads of POST /views one after another from the site's start, each with the site's CPU per
    // request (how long the site takes to reach its steady cost: V8 still compiling, the caches filling)
    const timeline = Number(process.env.PROBE_TIMELINE ?? 0);
    if (timeline > 0) {
      const sitePid = newsroom.pid('gateway');
      for (let i = 1; i <= timeline; i++) {
        const { result, cpu } = await measureCpu({ site: sitePid }, () => post(`${newsroom.baseUrl}/views`, view));
        const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${sitePid}/status`, 'utf8'))?.[1];
        console.log(`load ${i}: /views ${result.rps.toFixed(0)}/s, site ${((cpu.site * 1e6) / (result.ok + result.failed)).toFixed(0)} µs/request, RSS ${Math.round(Number(rss) / 1024)} MiB`);
      }
      return;
    }
    // PROBE_REPEAT=n: the ceiling and POST /views in turn, n times, each ratio against the mean of the ceilings around it
    const repeat = Number(process.env.PROBE_REPEAT ?? 0);
    if (repeat > 0) {
      const ratios: number[] = [];
      // and the CPU each process spent per request (µs), steadier than a rate on a noisy machine
      const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
      const perRequest = (cpu: Record<string, number>, requests: number) =>
        Object.entries(cpu).map(([who, seconds]) => `${who} ${((seconds * 1e6) / requests).toFixed(0)}`).join(', ');
      const sitePerRequest: number[] = [];
      // unmeasured first (as bench:views does): a fresh process's first seconds measure V8 compiling its hot paths
      await post(`http://127.0.0.1:${port}`, view);
      await post(`${newsroom.baseUrl}/views`, view);
      let before = await post(`http://127.0.0.1:${port}`, view);
      for (let i = 0; i < repeat; i++) {
        const { result: single, cpu } = await measureCpu({ site: newsroom.pid('gateway'), views: newsroom.pid('views'), redis: redisPid }, () => post(`${newsroom.baseUrl}/views`, view));
        const after = await post(`http://127.0.0.1:${port}`, view);
        ratios.push(single.rps / ((before.rps + after.rps) / 2));
        sitePerRequest.push((cpu.site * 1e6) / (single.ok + single.failed));
        console.log(`ceiling ${before.rps.toFixed(0)}/s and ${after.rps.toFixed(0)}/s, /views ${single.rps.toFixed(0)}/s (${ratios.at(-1)!.toFixed(2)}x) p99 ${single.p99} ms, failed ${single.failed}; CPU µs/request: ${perRequest(cpu, (single.ok + single.failed))}`);
        before = after;
      }
      console.log(`median /views ${median(ratios).toFixed(2)}x the ceiling over ${repeat} turns; the site's CPU ${median(sitePerRequest).toFixed(0)} µs/request`);
      return;
    }
    const bare = await post(`http://127.0.0.1:${port}`, view);
    // PROBE_REDIS_STATS=1: Redis's per-command calls and time during the POST /views run
    if (process.env.PROBE_REDIS_STATS) await redis.config('RESETSTAT');
    const single = await post(`${newsroom.baseUrl}/views`, view);
    if (process.env.PROBE_REDIS_STATS) console.log(await redis.info('commandstats'));
    const batched = await post(`${newsroom.baseUrl}/views/batch`, batch);
    console.log(`ceiling ${bare.rps.toFixed(0)}/s p99 ${bare.p99} ms`);
    console.log(`/views ${single.rps.toFixed(0)}/s (${(single.rps / bare.rps).toFixed(2)}x) p99 ${single.p99} ms, failed ${single.failed}`);
    console.log(`/views/batch ${(batched.rps * BATCH).toFixed(0)} views/s (${((batched.rps * BATCH) / bare.rps).toFixed(2)}x) p99 ${batched.p99} ms, failed ${batched.failed}`);
  } finally {
    ceiling?.kill();
    redis.disconnect();
    await newsroom.stop();
    await benchDatabase.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
