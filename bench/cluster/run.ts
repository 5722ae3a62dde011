/**
 * `npm run bench:cluster`: the newsroom on real Redis Clusters, side by side
 * in one run. View counting on 3 masters against 1 master (the same batched
 * beacons on each, the runs alternating), with how the work spreads over the
 * masters and the projection it gives; then a 10,000-article publish burst
 * with two publishers on a 3-master cluster with replicas, each article
 * published exactly once. Writes docs/benchmarks/cluster.md.
 *
 * BENCH_RUNS (3) view-counting runs, BENCH_BURST_RUNS (3) bursts,
 * BENCH_VIEW_REQUESTS (1000) batch beacons per trial.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '@newsroom/testing';
import { describeMachine } from '../lib/machine';
import { stopOnCluster } from './on-cluster';
import { BURST_SIZE, BurstSetup, BurstTrial, PUBLISHERS, runBurstTrial, startBurst } from './publish-burst';
import { ViewRun, writeClusterReport } from './report';
import { ARTICLES, runViewCountingTrial, startViewCounting, ViewCountingSetup, ViewCountingTrial, VIEW_SHARDS } from './view-counting-trial';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BURST_RUNS = Number(process.env.BENCH_BURST_RUNS ?? 3);
const REQUESTS = Number(process.env.BENCH_VIEW_REQUESTS ?? 1000);
const BATCH = 100;
const CONNECTIONS = 50;

/** What is running, stopped in reverse order by `cleanUp` (also on Ctrl-C), each even if another fails. */
const running: { what: string; stop: () => Promise<void> }[] = [];
async function cleanUp(): Promise<void> {
  for (const { what, stop } of running.splice(0).reverse()) {
    await stop().catch((error: unknown) => console.error(`bench:cluster: stopping ${what} failed: ${(error as Error).stack ?? error}`));
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench:cluster: ${signal}, stopping what it started`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[bench:cluster ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  try {
    // both clusters up for the whole comparison, the runs alternating: a neighbour's load falls on both
    // apps get 30 s to start; on a machine this shared that is sometimes not enough, so each setup may go twice
    const twice = <T>(what: string, start: () => Promise<T>) =>
      start().catch((error: Error) => {
        log(`${what} did not start (${error.message}): trying once more`);
        return start();
      });
    const one: ViewCountingSetup = await twice('the 1-master setup', () => startViewCounting(1));
    running.push({ what: 'the 1-master cluster', stop: () => stopOnCluster(one) });
    const three: ViewCountingSetup = await twice('the 3-master setup', () => startViewCounting(3));
    running.push({ what: 'the 3-master cluster', stop: () => stopOnCluster(three) });
    log('both clusters up, archives loaded, indexes rebuilt');

    let visitor = 0;
    const load = { requests: REQUESTS, batch: BATCH, connections: CONNECTIONS, nextVisitor: () => `cluster-bench-${visitor++}` };
    const trial = async (setup: ViewCountingSetup): Promise<ViewCountingTrial> => {
      const t = await runViewCountingTrial(setup, load);
      log(
        `${t.masters} master(s): ${Math.round(t.countedPerSecond)} views/s counted (${Math.round(t.acceptedPerSecond)}/s accepted, counted ${t.countedAfterLoadMs} ms after), ` +
          `Redis CPU per master ${t.perMaster.map((m) => m.cpuSeconds.toFixed(2)).join('/')} s, views ${t.cpu.views?.toFixed(2)} s, site ${t.cpu.site?.toFixed(2)} s, exact ${t.exact}`,
      );
      return t;
    };
    // one untimed warm-up each: JIT, connections, scripts loaded on every master
    for (const setup of [one, three]) await runViewCountingTrial(setup, { ...load, requests: Math.ceil(REQUESTS / 5) });
    const views: ViewRun[] = [];
    for (let run = 0; run < RUNS; run++) {
      // which goes first alternates too, so neither always follows the other's backlog of work
      const first = run % 2 === 0 ? one : three;
      const second = first === one ? three : one;
      const results = new Map([[first, await trial(first)], [second, await trial(second)]]);
      views.push({ one: results.get(one)!, three: results.get(three)! });
    }
    await cleanUp();

    const burst: BurstSetup = await twice('the burst setup', startBurst);
    running.push({ what: 'the burst cluster', stop: () => stopOnCluster(burst) });
    log('burst cluster up (3 masters, 3 replicas)');
    const bursts: BurstTrial[] = [];
    for (let run = 0; run < BURST_RUNS; run++) {
      const b = await runBurstTrial(burst);
      bursts.push(b);
      log(`burst: all ${BURST_SIZE} live ${b.drainMs} ms after the slot; once ${b.once}, doubled ${b.doubled}, missing ${b.missing}; publishers ${b.publishedBy.join('/')}`);
    }
    await cleanUp();

    const markdown = writeClusterReport({
      machine: describeMachine(),
      cores: cpus().length,
      totalSeconds: (Date.now() - started) / 1000,
      viewShards: VIEW_SHARDS,
      requests: REQUESTS,
      batch: BATCH,
      connections: CONNECTIONS,
      articles: ARTICLES,
      views,
      burstSize: BURST_SIZE,
      publishers: PUBLISHERS,
      bursts,
      scalingTarget: 2,
      drainTargetMs: 10_000,
    });
    const dir = join(ROOT, 'docs/benchmarks');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'cluster.md'), markdown);
    console.log(`\n${markdown}`);
    log(`wrote ${join(dir, 'cluster.md')}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:cluster failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
