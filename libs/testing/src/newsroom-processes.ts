import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { BaseConfig, loadConfig } from '@newsroom/config';
import { QueueName, SITE_CONTENT_CHANNEL, SiteContentChange } from '@newsroom/contracts';
import { connectRedis, deploymentChannel, RedisConnection, RedisKeyspace, redisOptionsFromUrl, redisTarget } from '@newsroom/redis';
import { eventually } from './eventually';
import { DIST, freePort, ROOT } from './local-machine';
import { untilDrained } from './queues-drained';
import { ApiClient } from './http-client';
import type { RedisClusterProcess } from './redis-cluster-process';
import { testAppsDatabaseUrl, testDatabaseUrl, testRedisClusterNodes, testRedisUrl, uniqueRedisPrefix } from './test-env';

export type AppName = 'gateway' | 'drafts' | 'review' | 'publisher' | 'views';
export const ALL_APPS: AppName[] = ['gateway', 'drafts', 'review', 'publisher', 'views'];

/**
 * How long an app may take to start (TEST_APP_START_TIMEOUT_MS): 2 to 5 s alone, but a 2-core machine
 * shared with other runs has taken over 30 s; a hung start still ends here.
 */
const APP_START_TIMEOUT_MS = Number(process.env.TEST_APP_START_TIMEOUT_MS ?? 90_000);
const READY = /consuming its queues/;

/** The key of the gateway behind a site started as the one origin under `key` (startApp('gateway')). */
const STAFF_SUFFIX = ':staff';

interface Running {
  name: AppName | 'site';
  child: ChildProcess;
  log: string[];
  /** an HTTP app's port */
  port?: string;
}

/** Everything started by any harness in this Jest worker, stopped on exit even when a test throws. */
const everyChild = new Set<ChildProcess>();
process.once('exit', () => everyChild.forEach((c) => c.kill('SIGKILL')));

/**
 * The real newsroom, as separate processes (built apps from dist/), against the
 * test database and a Redis prefix of its own. Tests talk to it over HTTP only.
 * Its Redis is the single test Redis, or in the `e2e-cluster` project the
 * shared Redis Cluster (testRedisClusterNodes), or the cluster a suite starts;
 * what a test reads or adds in Redis goes through redis(), queue() and
 * waitForQueuesToDrain(), which follow the apps' settings to the same place.
 */
export class NewsroomProcesses {
  readonly env: Record<string, string>;
  readonly api: ApiClient;
  private readonly running = new Map<string, Running>();
  private replicaCount = 0;
  /** connections handed out with queues (BullMQ never closes a cluster client it is given) */
  private readonly connections: RedisConnection[] = [];

  private constructor(
    readonly port: number,
    readonly redisPrefix: string,
    env: Record<string, string>,
    /** a Redis Cluster of the suite's own the apps run against, instead of the test Redis (or the project's cluster) */
    readonly redisCluster?: RedisClusterProcess,
  ) {
    const clusterNodes = redisCluster?.seedNodes ?? testRedisClusterNodes();
    this.env = {
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: testAppsDatabaseUrl(),
      DATABASE_DIRECT_URL: testDatabaseUrl(),
      REDIS_URL: testRedisUrl(),
      ...(clusterNodes ? { REDIS_CLUSTER_NODES: clusterNodes } : {}),
      NEWSROOM_REDIS_PREFIX: redisPrefix,
      LOG_LEVEL: 'warn',
      // one secret for every replica and restart of a suite (unset, each gateway process would make its own)
      NEWSROOM_JWT_SECRET: 'newsroom-e2e-signing-secret-not-for-production',
      // every test client is 127.0.0.1: suites that do not test the limits must not hit them
      NEWSROOM_RATE_LIMIT_READS_PER_MINUTE: '1000000',
      NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE: '1000000',
      NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: '1000000',
      ...env,
    };
    this.api = new ApiClient(`http://127.0.0.1:${port}`);
  }

  static async start(options: { apps?: AppName[]; env?: Record<string, string>; redisCluster?: RedisClusterProcess } = {}): Promise<NewsroomProcesses> {
    const newsroom = new NewsroomProcesses(await freePort(), uniqueRedisPrefix(), options.env ?? {}, options.redisCluster);
    try {
      await Promise.all((options.apps ?? ALL_APPS).map((app) => newsroom.startApp(app)));
    } catch (error) {
      await newsroom.stop();
      throw error;
    }
    return newsroom;
  }

  get baseUrl(): string {
    return this.api.baseUrl;
  }

  /**
   * Starts one app (or another replica of it, with `key`) and waits until it
   * is ready. `gateway` is the one HTTP origin, as `npm start` runs it: the
   * site app (the readers' side) on the port, and the gateway (the staff
   * side) behind it on a port of its own, to which the site passes every
   * request that is not the readers' (NEWSROOM_STAFF_UPSTREAM). The pair
   * starts and stops together under the one key.
   */
  async startApp(name: AppName, options: { key?: string; env?: Record<string, string> } = {}): Promise<void> {
    const key = options.key ?? name;
    if (this.running.has(key)) throw new Error(`${key} is running already`);
    if (name !== 'gateway') return this.startProcess(key, name, options.env ?? {});
    const port = options.env?.PORT ?? this.env.PORT;
    const staffPort = String(await freePort());
    const trusted = options.env?.NEWSROOM_TRUSTED_PROXIES ?? this.env.NEWSROOM_TRUSTED_PROXIES;
    const staff = {
      ...options.env,
      PORT: staffPort,
      // the site in front connects from loopback and says who the client is
      NEWSROOM_TRUSTED_PROXIES: [trusted, '127.0.0.1'].filter(Boolean).join(','),
      NEWSROOM_PUBLIC_URL: options.env?.NEWSROOM_PUBLIC_URL ?? this.env.NEWSROOM_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    };
    try {
      await Promise.all([
        this.startProcess(`${key}${STAFF_SUFFIX}`, 'gateway', staff),
        this.startProcess(key, 'site', { ...options.env, PORT: port, NEWSROOM_STAFF_UPSTREAM: `http://127.0.0.1:${staffPort}` }),
      ]);
    } catch (error) {
      await Promise.all([this.stopApp(key), this.stopApp(`${key}${STAFF_SUFFIX}`)]);
      throw error;
    }
  }

  private async startProcess(key: string, name: AppName | 'site', env: Record<string, string>): Promise<void> {
    // an HTTP app answers on a port of its own
    const port = env.PORT ?? this.env.PORT;
    const http = name === 'gateway' || name === 'site';
    const child = spawn(process.execPath, [join(DIST, 'apps', name, 'src/main.js')], {
      cwd: ROOT,
      env: { ...process.env, ...this.env, LOG_LEVEL: http ? this.env.LOG_LEVEL : 'log', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    everyChild.add(child);
    child.once('exit', () => everyChild.delete(child));
    const entry: Running = { name, child, log: [], port: http ? port : undefined };
    this.running.set(key, entry);
    let ready = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      entry.log.push(text);
      if (READY.test(text)) ready = true;
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    try {
      await eventually(
        () => {
          if (child.exitCode !== null) throw new Error(`${key} exited with ${child.exitCode}: ${entry.log.join('').slice(-2000)}`);
          // The HTTP apps are ready when they answer; the services say so in their log.
          return http ? fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200) : ready;
        },
        { timeoutMs: APP_START_TIMEOUT_MS, intervalMs: 50, what: `${key} to start` },
      );
    } catch (error) {
      // not left running: one that gets ready later would be an app nobody counts on (a third publisher, say)
      await this.stopProcess(key, 'SIGKILL');
      throw error;
    }
  }

  /** Another replica of an app, under its own key. */
  async startReplica(name: AppName): Promise<string> {
    const key = `${name}#${++this.replicaCount}`;
    await this.startApp(name, { key });
    return key;
  }

  /** SIGKILL (a crash: nothing finishes) or SIGTERM (a graceful stop); resolves once the process (both, for the origin) is gone. */
  async stopApp(key: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await Promise.all([this.stopProcess(key, signal), this.stopProcess(`${key}${STAFF_SUFFIX}`, signal)]);
  }

  /**
   * Sends one app's process (not the origin pair) `signal` and waits for its
   * exit (SIGKILL after 10 s): its exit code, how long it took and what it
   * printed, for the drained-shutdown tests.
   */
  async terminate(key: string, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; tookMs: number; log: string }> {
    // the same array goes on taking what the process prints until it exits
    const log = this.running.get(key)?.log ?? [];
    const started = Date.now();
    const code = await this.stopProcess(key, signal);
    return { code, tookMs: Date.now() - started, log: log.join('') };
  }

  private async stopProcess(key: string, signal: NodeJS.Signals): Promise<number | null> {
    const entry = this.running.get(key);
    if (!entry) return null;
    this.running.delete(key);
    if (entry.child.exitCode !== null || entry.child.signalCode !== null) return entry.child.exitCode;
    const exited = once(entry.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    entry.child.kill(signal);
    const timer = setTimeout(() => entry.child.kill('SIGKILL'), 10_000);
    const [code] = await exited;
    clearTimeout(timer);
    return code;
  }

  /** Where the gateway behind the origin started under `key` answers (the staff side alone, without the site in front). */
  staffUrl(key = 'gateway'): string {
    const port = this.running.get(`${key}${STAFF_SUFFIX}`)?.port;
    if (!port) throw new Error(`no gateway runs behind ${key}`);
    return `http://127.0.0.1:${port}`;
  }

  /** The process id of the gateway behind the origin started under `key`. */
  staffPid(key = 'gateway'): number | undefined {
    return this.running.get(`${key}${STAFF_SUFFIX}`)?.child.pid;
  }

  /** Stops only the gateway behind the origin started under `key` (the site in front keeps serving). */
  async stopStaff(key = 'gateway', signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await this.stopProcess(`${key}${STAFF_SUFFIX}`, signal);
  }

  /** The process id of a running app (benchmarks read its CPU time). */
  pid(key: string): number | undefined {
    return this.running.get(key)?.child.pid;
  }

  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** What the app printed (for the origin: the site's, then the gateway's behind it). */
  logs(key: string): string {
    return [key, `${key}${STAFF_SUFFIX}`].map((k) => this.running.get(k)?.log.join('') ?? '').join('');
  }

  /** Stops every process and deletes the suite's Redis keys. */
  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((key) => this.stopProcess(key, 'SIGTERM')));
    await this.flushRedisPrefix();
    await Promise.all(this.connections.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
  }

  /** Where the apps put their keys (as they compute it from the same settings). */
  get keyspace(): RedisKeyspace {
    const config = loadConfig(BaseConfig, this.env);
    return new RedisKeyspace({ prefix: this.redisPrefix, cluster: Boolean(config.REDIS_CLUSTER_NODES), viewShards: config.viewShards });
  }

  /** Whether the apps run on a Redis Cluster. */
  get onCluster(): boolean {
    return Boolean(this.env.REDIS_CLUSTER_NODES);
  }

  /**
   * A new connection to the apps' Redis (a cluster client on a cluster),
   * without key prefix unless given one (`keyspace.appKeyPrefix`: the apps'
   * own keys by their short names), ready to use; disconnect it when done.
   */
  async redis(options: { keyPrefix?: string } = {}): Promise<RedisConnection> {
    const redis = connectRedis(this.redisTarget, { lazyConnect: true, keyPrefix: options.keyPrefix });
    await redis.connect();
    if (redis instanceof Cluster) await eventually(() => redis.status === 'ready', { timeoutMs: 10_000, intervalMs: 20, what: 'the cluster client to be ready' });
    return redis;
  }

  private get redisTarget() {
    return redisTarget({ REDIS_URL: this.env.REDIS_URL, REDIS_CLUSTER_NODES: this.env.REDIS_CLUSTER_NODES });
  }

  /** Deletes every key under this suite's prefix (queues and counters): a Redis that lost its data. On a cluster, on every master. */
  async flushRedisPrefix(): Promise<void> {
    const redis = await this.redis();
    try {
      const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
      const patterns = this.keyspace.keyPatterns(Object.values(QueueName));
      for (const node of nodes) {
        for (const pattern of patterns) {
          let cursor = '0';
          do {
            const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
            cursor = next;
            // one key per DEL: on a cluster node, keys of several slots in one command are refused
            if (keys.length) await keys.reduce((pipeline, key) => pipeline.del(key), node.pipeline()).exec();
          } while (cursor !== '0');
        }
      }
    } finally {
      redis.disconnect();
    }
  }

  /**
   * Announces a change of what readers see, as the views service does after
   * an article change: for tests that change rows behind the services' back
   * and expect every gateway's cache to follow.
   */
  async announceSiteContentChange(change: SiteContentChange): Promise<void> {
    const redis = await this.redis();
    try {
      const db = this.onCluster ? 0 : (redisOptionsFromUrl(this.env.REDIS_URL).db ?? 0);
      await redis.publish(deploymentChannel(this.redisPrefix, db, SITE_CONTENT_CHANNEL), JSON.stringify(change));
    } finally {
      redis.disconnect();
    }
  }

  /**
   * One of this newsroom's BullMQ queues, to add jobs as a producer would or
   * to count them; close it when done. On a cluster BullMQ must be given a
   * cluster client, which it never closes: `connection` (closed by the
   * caller), else a new one, closed by stop().
   */
  queue(name: string, prefix = this.keyspace.queuePrefix(name), connection?: RedisConnection): Queue {
    if (this.onCluster) {
      if (!connection) {
        connection = connectRedis(this.redisTarget);
        this.connections.push(connection);
      }
      return new Queue(name, { connection, prefix });
    }
    const url = new URL(this.env.REDIS_URL);
    return new Queue(name, { connection: { host: url.hostname, port: Number(url.port || 6379) }, prefix });
  }

  /** Every queue view batches wait in: one per view shard (and the registered one); close them when done. */
  viewCountingQueues(connection?: RedisConnection): Queue[] {
    const prefixes = new Set([this.keyspace.queuePrefix(QueueName.ViewCounting), ...this.keyspace.viewShards.map((s) => s.queuePrefix)]);
    return [...prefixes].map((prefix) => this.queue(QueueName.ViewCounting, prefix, connection));
  }

  /** Like waitForQueuesToDrain, for the apps' own Redis (a cluster too) and every view shard's queue. */
  async waitForQueuesToDrain(options: { queues?: QueueName[]; timeoutMs?: number } = {}): Promise<void> {
    const { queues: names = Object.values(QueueName), timeoutMs = 15_000 } = options;
    // on a cluster one client for all of them (a dozen view shards' queues), closed here rather than piling up until stop()
    const connection = this.onCluster ? connectRedis(this.redisTarget) : undefined;
    try {
      await untilDrained(
        names.flatMap((name) => (name === QueueName.ViewCounting ? this.viewCountingQueues(connection) : [this.queue(name, undefined, connection)])),
        timeoutMs,
      );
    } finally {
      await connection?.quit().catch(() => connection.disconnect());
    }
  }

  /** Logs in as the first admin (from the dev defaults unless the suite set others). */
  async adminClient(): Promise<ApiClient> {
    const email = this.env.NEWSROOM_ADMIN_EMAIL ?? 'admin@newsroom.local';
    const password = this.env.NEWSROOM_ADMIN_PASSWORD ?? 'admin';
    const res = await this.api.post('/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${res.text}`);
    return this.api.as(res.body.accessToken);
  }
}
