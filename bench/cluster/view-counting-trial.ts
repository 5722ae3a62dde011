import { keySlot } from '@newsroom/redis';
import { BROWSER_USER_AGENT, ClusterNodeInfo, NewsroomProcesses, RedisClusterProcess } from '@newsroom/testing';
import { loadArchive, rebuildViewsIndex } from '../lib/archive';
import { BenchDatabase } from '../lib/bench-database';
import { runLoad } from '../lib/load';
import { countedViews } from '../views/bench-database';
import { CpuUse, machineCpuSeconds, measureCpu } from '../lib/process-cpu';
import { stopOnCluster } from './on-cluster';
import { CommandStat, parseCommandStats, totalOf } from './redis-spread';

/** View shards on both clusters: the apps' default on a cluster, so 4 per master of 3 and all 12 on a lone one. */
export const VIEW_SHARDS = 12;
/** published articles the views name, in turn (a thousand: each shard gets about as many) */
export const ARTICLES = 1000;
/** a little over the views service's flush interval (NEWSROOM_VIEW_FLUSH_MS, 1 s) */
const SETTLE_MS = 1200;

/** The views side of the newsroom (site, gateway, views service) on a cluster of its own, with a database of its own. */
export interface ViewCountingSetup {
  masters: number;
  cluster: RedisClusterProcess;
  database: BenchDatabase;
  newsroom: NewsroomProcesses;
  slugs: string[];
}

/** One master's part of a trial. */
export interface MasterFigures {
  port: number;
  /** CPU seconds of its redis-server process (/proc) */
  cpuSeconds: number;
  /** commands it executed (INFO commandstats, reset before the trial) */
  calls: number;
  /** microseconds its thread spent executing them */
  commandUsec: number;
  /** of them, the counting and queue scripts (EVALSHA) */
  evalshaCalls: number;
  evalshaUsec: number;
  /** keys it holds once the trial's views are counted */
  keys: number;
  /** the view shards whose tag falls in its slots */
  viewShards: number;
  /** whether it holds the deployment's own keys (`{prefix}`: the published-article index, the ranking, limits, the flush lock) */
  ownKeys: boolean;
  /** its three costliest commands by time, with that time in ms */
  topCommands: { name: string; ms: number }[];
}

export interface ViewCountingTrial {
  masters: number;
  /** views in the answered (202) batches */
  accepted: number;
  /** the batch beacons' rate: views accepted per second while they were sent */
  acceptedPerSecond: number;
  /** views counted into Postgres per second: every accepted view, from the first batch sent to the last view counted */
  countedPerSecond: number;
  /** from the last batch answered to its views counted */
  countedAfterLoadMs: number;
  failed: number;
  /** views counted by a flush after the accepted ones were all in */
  counted: number;
  /** every accepted view counted, and none twice: no more than the views sent (a beacon not answered 202 may have counted) */
  exact: boolean;
  wallSeconds: number;
  /** CPU seconds of each process over the whole trial (self: the load generator; site; views; redis: every master) */
  cpu: CpuUse;
  /** CPU seconds the machine's cores were busy over the trial (everything, the neighbours too) and could have been */
  machine: { busy: number; total: number };
  perMaster: MasterFigures[];
}

/**
 * Starts a cluster of `masters` masters without replicas (the comparison is of
 * masters; the deployment's replicas add the same work per write on either),
 * its own database with a published archive, and the site, gateway and views
 * service on it; undoes what it started if any step fails.
 */
export async function startViewCounting(masters: number): Promise<ViewCountingSetup> {
  const database = new BenchDatabase(`newsroom_bench_cluster_views_${masters}`);
  let cluster: RedisClusterProcess | undefined;
  let newsroom: NewsroomProcesses | undefined;
  try {
    await database.create();
    cluster = await RedisClusterProcess.start({ masters, replicasPerMaster: 0 });
    newsroom = await NewsroomProcesses.start({ apps: [], redisCluster: cluster, env: { ...database.appEnv(), NEWSROOM_VIEW_SHARDS: String(VIEW_SHARDS) } });
    // one after the other: on a machine this shared, starting together can take them past the harness's 30 s
    await newsroom.startApp('gateway');
    await newsroom.startApp('views');
    const adminId = (await (await newsroom.adminClient()).get('/users/me')).body.id as string;
    await database.with((db) => loadArchive(db, { authorId: adminId, articles: ARTICLES, views: ARTICLES * 10 }));
    await rebuildViewsIndex(newsroom, 60_000);
    const slugs = await database.with(async (db) => (await db.query<{ slug: string }>('select slug from articles order by slug')).rows.map((r) => r.slug));
    return { masters, cluster, database, newsroom, slugs };
  } catch (error) {
    await stopOnCluster({ cluster, database, newsroom });
    throw error;
  }
}

export interface ViewLoad {
  /** batch requests sent (each answered: the count can be exact) */
  requests: number;
  /** views per request */
  batch: number;
  connections: number;
  /** a visitor id never used before, so every view counts */
  nextVisitor: () => string;
}

/**
 * `requests` batch beacons (`POST /views/batch`) against the site, then a wait
 * until every view they were answered 202 for is counted into Postgres; the
 * CPU of every process and every master, and each master's commands, over
 * the whole of it.
 */
export async function runViewCountingTrial(setup: ViewCountingSetup, load: ViewLoad): Promise<ViewCountingTrial> {
  const { newsroom, cluster, database, slugs } = setup;
  const masters = (await cluster.masters()).sort((a, b) => a.port - b.port);
  const masterPorts = masters.map((m) => m.port);
  const nodes = masterPorts.map((port) => cluster.node(port));
  try {
    await Promise.all(nodes.map((node) => node.config('RESETSTAT')));
    const counted0 = await database.with(countedViews);
    let article = 0;
    const body = () => `[${Array.from({ length: load.batch }, () => `{"slug":"${slugs[article++ % slugs.length]}","visitorId":"${load.nextVisitor()}"}`).join(',')}]`;
    const pids: Record<string, number | undefined> = { site: newsroom.pid('gateway'), views: newsroom.pid('views') };
    for (const port of masterPorts) pids[`redis:${port}`] = cluster.pid(port);

    const machineBefore = machineCpuSeconds();
    const started = Date.now();
    const { result, cpu } = await measureCpu(pids, async () => {
      const answered = await runLoad({
        url: `${newsroom.baseUrl}/views/batch`,
        amount: load.requests,
        connections: load.connections,
        method: 'POST',
        headers: { 'user-agent': BROWSER_USER_AGENT },
        body,
      });
      const accepted = answered.ok * load.batch;
      const counted = await database.with((db) => waitForCounts(db, counted0 + accepted));
      return { answered, accepted, counted: counted.total - counted0, countedAt: counted.at };
    });
    const machineAfter = machineCpuSeconds();
    const { answered, accepted, countedAt } = result;
    // a view counted twice would show in a later flush: wait one out, outside the measured time
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const counted = (await database.with(countedViews)) - counted0;
    const wallSeconds = (countedAt - started) / 1000;

    const perMaster = await Promise.all(
      nodes.map(async (node, i): Promise<MasterFigures> => {
        const stats = parseCommandStats(await node.info('commandstats'));
        const all = totalOf(stats);
        const evalsha = stats.get('evalsha') ?? { calls: 0, usec: 0 };
        return {
          port: masterPorts[i],
          cpuSeconds: cpu[`redis:${masterPorts[i]}`] ?? 0,
          calls: all.calls,
          commandUsec: all.usec,
          evalshaCalls: evalsha.calls,
          evalshaUsec: evalsha.usec,
          keys: await node.dbsize(),
          viewShards: newsroom.keyspace.viewShards.filter((shard) => serves(masters[i], keySlot(shard.tag))).length,
          ownKeys: serves(masters[i], keySlot(newsroom.keyspace.appKeyPrefix)),
          topCommands: costliest(stats, 3),
        };
      }),
    );
    const redis = perMaster.reduce((sum, m) => sum + m.cpuSeconds, 0);
    return {
      masters: masterPorts.length,
      accepted,
      acceptedPerSecond: accepted / ((answered.finishedAt - started) / 1000),
      countedPerSecond: result.counted / wallSeconds,
      countedAfterLoadMs: countedAt - answered.finishedAt,
      failed: answered.failed,
      counted,
      exact: counted >= accepted && counted <= accepted + answered.failed * load.batch,
      wallSeconds,
      cpu: { self: cpu.self, site: cpu.site, views: cpu.views, redis },
      machine: { busy: machineAfter.busy - machineBefore.busy, total: machineAfter.total - machineBefore.total },
      perMaster,
    };
  } finally {
    nodes.forEach((node) => node.disconnect());
  }
}

const serves = (master: ClusterNodeInfo, slot: number) => master.slots.some(([low, high]) => slot >= low && slot <= high);

function costliest(stats: Map<string, CommandStat>, count: number): { name: string; ms: number }[] {
  return [...stats]
    .sort((a, b) => b[1].usec - a[1].usec)
    .slice(0, count)
    .map(([name, stat]) => ({ name, ms: stat.usec / 1000 }));
}

/** Polls Postgres until `expected` views are counted (or two minutes passed); when it saw them. */
async function waitForCounts(db: import('pg').Client, expected: number): Promise<{ total: number; at: number }> {
  const deadline = Date.now() + 120_000;
  let total = await countedViews(db);
  while (total < expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    total = await countedViews(db);
  }
  return { total, at: Date.now() };
}
