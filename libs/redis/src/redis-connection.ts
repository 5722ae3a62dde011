import Redis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import { RetryNotingCluster } from './cluster-redirects';

/** Either kind of ioredis client: the commands, scripts, pipelines and pub/sub the newsroom uses are the same on both. */
export type RedisConnection = Redis | Cluster;

/**
 * ioredis options from a `redis://[:password@]host:port[/db]` URL. The `/N`
 * database index is honoured. `maxRetriesPerRequest: null` is what BullMQ's
 * blocking connections require, and is harmless for the others.
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new Error(`REDIS_URL has an invalid database index: ${u.pathname}`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

export interface ClusterNodeAddress {
  host: string;
  port: number;
}

/** `host:port,host:port` (REDIS_CLUSTER_NODES) as addresses; throws naming the first bad entry. */
export function parseClusterNodes(list: string): ClusterNodeAddress[] {
  const entries = list.split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) throw new Error('REDIS_CLUSTER_NODES names no node');
  return entries.map((entry) => {
    const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/i.exec(entry);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) throw new Error(`REDIS_CLUSTER_NODES: "${entry}" is not host:port`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
  });
}

/** Where the newsroom's Redis is: REDIS_URL alone (one node), or REDIS_CLUSTER_NODES with REDIS_URL's credentials and TLS. */
export interface RedisTarget {
  url: string;
  /** seed nodes of a Redis Cluster; absent for a single node */
  clusterNodes?: ClusterNodeAddress[];
}

export function redisTarget(config: { REDIS_URL: string; REDIS_CLUSTER_NODES?: string }): RedisTarget {
  return config.REDIS_CLUSTER_NODES ? { url: config.REDIS_URL, clusterNodes: parseClusterNodes(config.REDIS_CLUSTER_NODES) } : { url: config.REDIS_URL };
}

/**
 * How a cluster client rides out a failover: a command whose master went
 * away is tried again every 300 ms for up to about 10 s, the slot map being
 * fetched again each time, instead of failing after ioredis's default 1.6 s
 * (a replica takes over after cluster-node-timeout and an election: seconds).
 * Likewise during a resharding: a multi-key command (a BullMQ script, a
 * counting script) on a slot whose keys are half moved gets TRYAGAIN until
 * the slot is done; it is tried again every 300 ms (ioredis: 100 ms, about 1.6 s
 * in all, shorter than moving a slot of a busy queue takes) for some 5 s, each
 * try costing two of the redirections (TRYAGAIN, then a MOVED back to the slot's node).
 */
const FAILOVER_RETRY = { retryDelayOnFailover: 300, retryDelayOnClusterDown: 300, retryDelayOnTryAgain: 300, maxRedirections: 32 } as const;

export interface ConnectOptions {
  /** prepended to every key (never on BullMQ's connections: BullMQ does not support it) */
  keyPrefix?: string;
  lazyConnect?: boolean;
}

/** Options for a Cluster client of `target` (REDIS_URL's database index is not used: a cluster has only database 0). */
export function clusterOptions(target: RedisTarget, options: ConnectOptions = {}): ClusterOptions {
  const { username, password, tls, maxRetriesPerRequest, enableReadyCheck } = redisOptionsFromUrl(target.url);
  return {
    ...FAILOVER_RETRY,
    keyPrefix: options.keyPrefix,
    lazyConnect: options.lazyConnect,
    // Off: when the cluster-wide ready check (CLUSTER INFO on some node) fails,
    // as it does while a killed master is still listed, ioredis reconnects but
    // never settles the promise of the connect() it was called in; BullMQ's
    // workers reconnect their blocking client that way after a failover and
    // then waited on it for good (seen in test/redis-cluster). The slot map
    // fetched on connect is the check that matters; each node still checks
    // itself (redisOptions).
    enableReadyCheck: false,
    redisOptions: { username, password, tls, maxRetriesPerRequest, enableReadyCheck },
  };
}

/** A new client of the newsroom's Redis: a Cluster client when the target names cluster nodes, else a single-node one. */
export function connectRedis(target: RedisTarget, options: ConnectOptions = {}): RedisConnection {
  if (target.clusterNodes) return new RetryNotingCluster(target.clusterNodes, clusterOptions(target, options));
  return new Redis({ ...redisOptionsFromUrl(target.url), keyPrefix: options.keyPrefix, lazyConnect: options.lazyConnect });
}

/**
 * A pub/sub channel of one deployment. Redis delivers PUBLISH to subscribers
 * of every database index (channels have no database), and ioredis's
 * keyPrefix does not apply to channel names: so the name carries both the
 * prefix and the database index, and two newsrooms on one Redis, told apart
 * only by `/N` in REDIS_URL, never hear each other's drafts. (On a cluster,
 * which has database 0 only, the prefix alone tells them apart.)
 */
export function deploymentChannel(prefix: string, db: number, name: string): string {
  return `{${prefix}}:db${db}:${name}`;
}
