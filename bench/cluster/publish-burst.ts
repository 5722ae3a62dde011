import { createStaff, ensureRubric, NewsroomProcesses, RedisClusterProcess } from '@newsroom/testing';
import { BenchDatabase as NamedBenchDatabase } from '../lib/bench-database';
import { summarize } from '../lib/stats';
import { BenchDatabase } from '../publish/bench-database';
import { BenchSetup, latenesses, runGoLiveTrial } from '../publish/go-live-trial';
import { stopOnCluster } from './on-cluster';

export const BURST_SIZE = 10_000;
export const PUBLISHERS = 2;
/** as bench:publish: room for two publishers to start and create 10,000 delayed jobs before the slot ... */
export const LEAD_MS = 15_000;
/** ... and when a busy machine made them miss it (or one missed the harness's start time), the one retry's */
export const RETRY_LEAD_MS = 30_000;

export interface BurstSetup extends BenchSetup {
  cluster: RedisClusterProcess;
}

export interface BurstTrial {
  /** how far ahead of the slot the articles were inserted */
  leadMs: number;
  /** from the slot to the last article live, by the database clock */
  drainMs: number;
  p50: number;
  p99: number;
  /** articles with exactly one `published` history event and one `article.published` outbox event, and live */
  once: number;
  /** articles with more than one of either */
  doubled: number;
  /** articles not live, or without their event */
  missing: number;
  /** how many each publisher says it published, in start order */
  publishedBy: number[];
}

/**
 * The deployment the README recommends: 3 masters with a replica each, writes
 * that must survive a failover waiting for the replica
 * (NEWSROOM_REDIS_WAIT_REPLICAS=1), and a database of its own with one author.
 * Only the publishers run while measuring (runGoLiveTrial starts and stops them).
 */
export async function startBurst(): Promise<BurstSetup> {
  const database = new BenchDatabase(new NamedBenchDatabase('newsroom_bench_cluster_burst').url);
  let cluster: RedisClusterProcess | undefined;
  let newsroom: NewsroomProcesses | undefined;
  try {
    await database.recreate();
    cluster = await RedisClusterProcess.start();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'], redisCluster: cluster, env: { DATABASE_URL: database.url, NEWSROOM_REDIS_WAIT_REPLICAS: '1' } });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin);
    const author = await createStaff(admin, ['reporter']);
    await newsroom.stopApp('gateway');
    return { database, newsroom, authorId: author.id, cluster };
  } catch (error) {
    await stopOnCluster({ database, newsroom, cluster });
    throw error;
  }
}

/** 10,000 approved articles due in the same second, two publishers, then each article's publications counted. */
export async function runBurstTrial(setup: BurstSetup): Promise<BurstTrial> {
  const plan = { count: BURST_SIZE, publishers: PUBLISHERS, leadMs: LEAD_MS, everyMs: 0 };
  const trial = await runGoLiveTrial(setup, plan).catch((error: Error) => {
    // publishers that started too late for the slot, or not within the harness's 30 s: a busy machine, not a result
    if (!/raise the lead|to start/.test(error.message)) throw error;
    plan.leadMs = RETRY_LEAD_MS;
    // a stopped publisher's statement runs on in Postgres until it ends, holding its rows: not into the next trial
    return setup.database
      .query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)
      .then(() => runGoLiveTrial(setup, plan));
  });
  const late = summarize(latenesses(trial));
  const [tally] = await setup.database.query<{ once: number; doubled: number; missing: number }>(
    `with history as (select article_id, count(*) as n from article_events where type = 'published' group by article_id),
          events as (select article_id, count(*) as n from outbox_events where type = 'article.published' group by article_id),
          per_article as (
            select a.status, coalesce(h.n, 0) as history, coalesce(o.n, 0) as events
              from articles a left join history h on h.article_id = a.id left join events o on o.article_id = a.id
          )
     select count(*) filter (where status = 'published' and history = 1 and events = 1)::int as once,
            count(*) filter (where history > 1 or events > 1)::int as doubled,
            count(*) filter (where status <> 'published' or history = 0 or events = 0)::int as missing
       from per_article`,
  );
  return { leadMs: plan.leadMs, drainMs: trial.drainMs, p50: late.p50, p99: late.p99, ...tally, publishedBy: trial.publishedBy };
}
