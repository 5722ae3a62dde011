import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { BROWSER_USER_AGENT, NewsroomProcesses, ROOT, testRedisUrl } from '@newsroom/testing';
import { loadArchive, rebuildViewsIndex } from '../lib/archive';
import { BenchDatabase } from '../lib/bench-database';
import { runLoad } from '../lib/load';
import { describeMachine } from '../lib/machine';
import { measureCpu } from '../lib/process-cpu';
import { countedViews } from '../views/bench-database';
import { longestCountLag } from './count-lag';
import { capacityOf, CapacityStep, writeCapacityReport } from './report';

/**
 * `npm run bench:view-capacity`: the rate of readers' views at which counts
 * still show within 2 seconds, and what happens above it. An open load (a
 * fixed number of beacon requests per second, whatever the answers' pace) of
 * a page's beacons sent together (POST /views/batch with 10 views: the
 * readers' lane), at rates that double until the counts fall behind; each
 * view's wait from its 202 to its count in Postgres; after each step, the
 * backlog left and how fast it drained; every accepted view counted.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const START_VIEWS_PER_SECOND = Number(process.env.BENCH_START_RATE ?? 2000);
/** views per beacon request: a page's beacons sent together stay in the readers' (prompt) lane */
const BATCH = 10;
const CONNECTIONS = 50;
const ARTICLES = 1000;
const PROMISE_MS = 2000;
/** how often Postgres is asked for the counted total */
const POLL_MS = 100;
/** the ladder stops after this many steps over the promise (above capacity: enough to show the lag growing) */
const STEPS_OVER = 2;
const MAX_STEPS = Number(process.env.BENCH_MAX_STEPS ?? 8);

const benchDatabase = new BenchDatabase('newsroom_bench_view_capacity');

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[bench:view-capacity ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  await benchDatabase.create();
  const newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'], env: benchDatabase.appEnv() });
  const redis = new Redis(testRedisUrl());
  try {
    const adminId = (await (await newsroom.adminClient()).get('/users/me')).body.id as string;
    await benchDatabase.with((db) => loadArchive(db, { authorId: adminId, articles: ARTICLES, views: 1_000_000 }));
    await rebuildViewsIndex(newsroom);
    const slugs = await benchDatabase.with(async (db) => (await db.query<{ slug: string }>('select slug from articles')).rows.map((r) => r.slug));
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
    const pids = { site: newsroom.pid('gateway') /* the origin: the site app, which answers the beacon */, views: newsroom.pid('views'), redis: redisPid };

    let visitor = 0;
    const view = () => `{"slug":"${slugs[visitor % slugs.length]}","visitorId":"cap-${visitor++}"}`;
    const batch = () => `[${Array.from({ length: BATCH }, view).join(',')}]`;

    /** One step of the ladder: the load, and the counts polled until every accepted view shows. */
    /** Views the site answered 202 for so far (its own count, on /metrics): what must be counted, exactly. */
    const acceptedBySite = async () =>
      Number(/^newsroom_site_views_accepted_total\{lane="prompt"\} (\S+)$/m.exec((await newsroom.api.get('/metrics')).text)?.[1] ?? NaN);

    async function measureStep(offered: number): Promise<CapacityStep> {
      const counted0 = await benchDatabase.with(countedViews);
      const site0 = await acceptedBySite();
      const accepted: [number, number][] = [[Date.now(), 0]];
      const counted: [number, number][] = [];
      let acceptedTotal = 0;
      let loadEnded = 0;
      const polling = benchDatabase.with(async (db) => {
        // until the load is over and every accepted view is counted (or a minute passed without that)
        for (;;) {
          const total = (await countedViews(db)) - counted0;
          counted.push([Date.now(), total]);
          if (loadEnded && (total >= acceptedTotal || Date.now() - loadEnded > 60_000)) return;
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      });
      const { result: load, cpu } = await measureCpu(pids, () =>
        runLoad({
          url: `${newsroom.baseUrl}/views/batch`,
          seconds: SECONDS,
          rate: offered / BATCH,
          connections: CONNECTIONS,
          method: 'POST',
          headers: { 'user-agent': BROWSER_USER_AGENT },
          body: batch,
          onResponse: (at, _latency, status) => {
            if (status === 202) accepted.push([at, (acceptedTotal += BATCH)]);
          },
        }),
      );
      // the site's own count decides what must show: the load generator does not see the answers of requests cut off at its
      // end, and those still waiting for their group commit are answered within a moment
      await new Promise((r) => setTimeout(r, 500));
      acceptedTotal = (await acceptedBySite()) - site0;
      loadEnded = Math.max(load.finishedAt, Date.now());
      const atEnd = counted.length ? counted[counted.length - 1][1] : 0;
      await polling;
      const [lastAt, countedTotal] = counted[counted.length - 1];
      return {
        offered,
        acceptedPerSecond: acceptedTotal / SECONDS,
        p99: load.p99,
        refused: load.failed,
        accepted: acceptedTotal,
        counted: countedTotal,
        longestLagMs: longestCountLag(accepted, counted, lastAt),
        backlogAtEnd: Math.max(0, acceptedTotal - atEnd),
        drainMs: Math.max(0, lastAt - loadEnded),
        cpuPerView: Object.fromEntries(Object.entries(cpu).map(([who, seconds]) => [who, (seconds * 1e6) / Math.max(1, acceptedTotal)])),
      };
    }

    const steps: CapacityStep[] = [];
    let over = 0;
    for (let rate = START_VIEWS_PER_SECOND; steps.length < MAX_STEPS && over < STEPS_OVER; rate *= 2) {
      const step = await measureStep(rate);
      steps.push(step);
      log(
        `${rate} views/s offered: ${step.acceptedPerSecond.toFixed(0)}/s accepted (p99 ${step.p99} ms), longest wait to be counted ${step.longestLagMs} ms, ` +
          `backlog at the load's end ${step.backlogAtEnd}, drained in ${step.drainMs} ms, counted ${step.counted}/${step.accepted}`,
      );
      if (step.longestLagMs > PROMISE_MS || step.acceptedPerSecond < 0.9 * rate) over++;
    }
    const file = join(ROOT, 'docs/benchmarks/view-capacity.md');
    mkdirSync(join(ROOT, 'docs/benchmarks'), { recursive: true });
    writeFileSync(file, writeCapacityReport({ machine: describeMachine(), seconds: SECONDS, batch: BATCH, connections: CONNECTIONS, promiseMs: PROMISE_MS, steps, totalSeconds: (Date.now() - started) / 1000 }));
    const capacity = capacityOf(steps, PROMISE_MS);
    log(`capacity within ${PROMISE_MS} ms: ${capacity ? `${capacity.offered} views/s` : 'below the first step'}; wrote ${file}`);
  } finally {
    redis.disconnect();
    await newsroom.stop();
    await benchDatabase.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
