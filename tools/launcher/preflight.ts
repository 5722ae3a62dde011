import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptionsFromUrl, RedisTarget } from '@newsroom/redis';

const TIMEOUT_MS = 3000;
/** The clients' own timeouts come later, so ours fires first with a message that says what happened. */
const CLIENT_TIMEOUT_MS = TIMEOUT_MS + 1000;
const HINT = 'Start it, or run: docker compose up -d postgres redis';

/** A failed preflight: one line for the newcomer, never a stack trace. */
export class PreflightError extends Error {}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  // `connect ECONNREFUSED 127.0.0.1:5432` says the same address twice; keep the syscall and code
  if (e.code && /^E[A-Z]+$/.test(e.code)) return (e.message ?? '').includes('getaddrinfo') ? `getaddrinfo ${e.code}` : `connect ${e.code}`;
  return e.message ?? String(error);
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer)) as Promise<T>;
}

/** Connects to the server's `postgres` database: ours may not exist yet, and that is not a failure. */
export async function checkPostgres(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}`;
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: CLIENT_TIMEOUT_MS });
  client.on('error', () => undefined); // a late socket error after a failed connect must not crash us
  try {
    await withTimeout(client.connect());
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 28xxx: authentication; 3D000: no such database. The server answered, so the hint is about the URL.
    if (code && /^(28|3D)/.test(code)) throw new PreflightError(`PostgreSQL at ${where} refused us (${reason(error)}). Check DATABASE_URL.`);
    throw new PreflightError(`Cannot reach PostgreSQL at ${where} (${reason(error)}). ${HINT}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** REDIS_URL's node, or with REDIS_CLUSTER_NODES every seed node, each of which must be a cluster whose slots are all served. */
export async function checkRedis(target: RedisTarget): Promise<void> {
  if (!target.clusterNodes) return checkRedisNode(target.url);
  for (const node of target.clusterNodes) await checkRedisNode(target.url, node);
}

async function checkRedisNode(redisUrl: string, clusterNode?: { host: string; port: number }): Promise<void> {
  const options = { ...redisOptionsFromUrl(redisUrl), ...clusterNode };
  const where = `${options.host}:${options.port}`;
  const setting = clusterNode ? 'REDIS_CLUSTER_NODES (and the credentials in REDIS_URL)' : 'REDIS_URL';
  // one attempt, no reconnect loop, no queueing of commands while offline
  const redis = new Redis({ ...options, lazyConnect: true, connectTimeout: CLIENT_TIMEOUT_MS, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  // The rejected connect() only says "Connection is closed."; the error event says why.
  let cause: unknown;
  redis.on('error', (error) => (cause ??= error));
  let clusterInfo = '';
  try {
    await withTimeout(redis.connect().then(() => redis.ping()));
    if (clusterNode) clusterInfo = String(await withTimeout(redis.call('CLUSTER', 'INFO')));
  } catch (error) {
    const message = reason(cause ?? error);
    if (/cluster support disabled/i.test(message)) throw new PreflightError(`Redis at ${where} is not a cluster node, but ${setting} names it. Unset REDIS_CLUSTER_NODES for a single Redis.`);
    if (/NOAUTH|WRONGPASS|invalid password|DB index/i.test(message)) throw new PreflightError(`Redis at ${where} refused us (${message}). Check ${setting}.`);
    throw new PreflightError(`Cannot reach Redis at ${where} (${message}). ${clusterNode ? 'Start the cluster, e.g. deploy/redis-cluster/start.sh' : HINT}`);
  } finally {
    redis.disconnect();
  }
  const slotsServed = Number(/cluster_slots_ok:(\d+)/.exec(clusterInfo)?.[1] ?? 0);
  if (clusterNode && (!/cluster_state:ok/.test(clusterInfo) || slotsServed !== 16384)) {
    throw new PreflightError(`The Redis Cluster at ${where} serves ${slotsServed} of its 16384 slots. Wait for it, or check it with redis-cli --cluster check ${where}.`);
  }
}
