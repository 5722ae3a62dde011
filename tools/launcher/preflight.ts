import Redis from 'ioredis';
import { Client } from 'pg';
import { redisOptionsFromUrl } from '@newsroom/redis';

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

export async function checkRedis(redisUrl: string): Promise<void> {
  const options = redisOptionsFromUrl(redisUrl);
  const where = `${options.host}:${options.port}`;
  // one attempt, no reconnect loop, no queueing of commands while offline
  const redis = new Redis({ ...options, lazyConnect: true, connectTimeout: CLIENT_TIMEOUT_MS, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  // The rejected connect() only says "Connection is closed."; the error event says why.
  let cause: unknown;
  redis.on('error', (error) => (cause ??= error));
  try {
    await withTimeout(redis.connect().then(() => redis.ping()));
  } catch (error) {
    const message = reason(cause ?? error);
    if (/NOAUTH|WRONGPASS|invalid password|DB index/i.test(message)) throw new PreflightError(`Redis at ${where} refused us (${message}). Check REDIS_URL.`);
    throw new PreflightError(`Cannot reach Redis at ${where} (${message}). ${HINT}`);
  } finally {
    redis.disconnect();
  }
}
