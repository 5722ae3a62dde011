import { EntityManager } from '@mikro-orm/postgresql';
import { Global, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import { Client } from 'pg';
import { logSafeError } from './log-safe-error';
import type { BoundedRun } from './search/article-search';
import { boundedReads } from './search/bounded-reads';

/** `none`: no replica configured; `up`: public reads go to the replicas; otherwise they go to the primary. */
export type ReplicaState = 'none' | 'up' | 'lagging' | 'down';

const CHECK_EVERY_MS = 500;
const CHECK_TIMEOUT_MS = 1000;
const LAG_MEASURED_MS = 60_000;

/** An LSN (`16/B374D848`) as a number of bytes. */
function lsnBytes(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** Errors after which the same read is safe and useful on the primary: the replica is unreachable, shutting down or cancelled it for recovery. */
function replicaTrouble(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return true; // no SQLSTATE: the connection itself failed
  return /^(08|57P|53|40001)/.test(code) || code.startsWith('E'); // connection, shutdown, resources, recovery conflict; ECONNREFUSED & co.
}

/**
 * Where the readers' reads go: to the streaming replicas (MikroORM's
 * `replicas`, DATABASE_REPLICA_URLS) while every one of them is reachable and
 * has replayed what the primary had written DATABASE_REPLICA_MAX_LAG_MS ago;
 * to the primary otherwise, and for a read the replica fails. The state shows
 * on the site's /health. Staff reads never come here: they read the primary.
 *
 * The lag is measured by position, not by the last replayed transaction's
 * time (which stands still on an idle primary): every half second the
 * primary's WAL position is noted, and a replica lags when it has not yet
 * replayed the position the primary had DATABASE_REPLICA_MAX_LAG_MS ago.
 * A per-process timer, not a queue job: each replica of the site judges
 * its own connections.
 */
@Injectable()
export class ReadReplicas implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplicas.name);
  private readonly urls: string[];
  private readonly maxLagMs: number;
  private state: ReplicaState;
  private lagMs: number | null = null;
  /** the primary's WAL position over the last moments, oldest first */
  private samples: { at: number; lsn: bigint }[] = [];
  private timer?: NodeJS.Timeout;
  private checking = false;
  /** after a change announcement, the primary until then: a page re-rendered at once must show the change */
  private primaryUntil = 0;

  constructor(
    private readonly em: EntityManager,
    config: BaseConfig,
  ) {
    this.urls = config.replicaUrls;
    this.maxLagMs = config.DATABASE_REPLICA_MAX_LAG_MS;
    // until the first check says otherwise, the primary: it is never wrong
    this.state = this.urls.length ? 'down' : 'none';
  }

  async onModuleInit(): Promise<void> {
    if (!this.urls.length) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** For /health. */
  health(): { replica: ReplicaState; replicaLagMs?: number } {
    return this.lagMs === null ? { replica: this.state } : { replica: this.state, replicaLagMs: this.lagMs };
  }

  /** Reads go to the primary for the next `ms` (a change was just announced, the replicas may not have it yet). */
  preferPrimaryFor(ms = this.maxLagMs): void {
    this.primaryUntil = Math.max(this.primaryUntil, Date.now() + ms);
  }

  /** A public read: on a replica when they are fit, else (and when the replica fails it) on the primary. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows typed by the caller, as MikroORM's own execute
  async execute<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    if (this.state !== 'up' || Date.now() < this.primaryUntil) return (await this.em.getConnection('write').execute(sql, params)) as T;
    try {
      return (await this.em.getConnection('read').execute(sql, params)) as T;
    } catch (error) {
      if (!replicaTrouble(error)) throw error;
      this.become('down', `a read failed on it (${logSafeError(error)})`);
      return (await this.em.getConnection('write').execute(sql, params)) as T;
    }
  }

  /**
   * Read-only steps under a statement timeout (a search), routed like
   * execute(): a replica while they are fit, the primary otherwise and when
   * the replica fails them.
   */
  boundedRun(timeoutMs: number): BoundedRun {
    const on = (kind: 'read' | 'write') => boundedReads(() => this.em.getConnection(kind), timeoutMs);
    return async (steps) => {
      if (this.state !== 'up' || Date.now() < this.primaryUntil) return on('write')(steps);
      try {
        return await on('read')(steps);
      } catch (error) {
        if (!replicaTrouble(error)) throw error;
        this.become('down', `a read failed on it (${logSafeError(error)})`);
        return on('write')(steps);
      }
    };
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const now = Date.now();
      const [primary] = await this.em.getConnection('write').execute<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn');
      this.samples.push({ at: now, lsn: lsnBytes(primary.lsn) });
      // the newest sample at least maxLag old is the position every replica must have replayed
      const due = this.samples.filter((s) => s.at <= now - this.maxLagMs).pop();
      // kept a minute (or twice the allowed lag): enough to say how far behind a lagging replica is
      this.samples = this.samples.filter((s) => s.at > now - Math.max(2 * this.maxLagMs, LAG_MEASURED_MS));
      let worst: ReplicaState = 'up';
      let lag = 0;
      for (const url of this.urls) {
        const replayed = await replayedLsn(url).catch((error: unknown) => error as Error);
        if (replayed instanceof Error) {
          worst = 'down';
          this.become('down', `it does not answer (${logSafeError(replayed)})`);
          return;
        }
        if (due && replayed < due.lsn) worst = 'lagging';
        // how long ago the primary was where this replica is now (0 when it has everything)
        const behind = this.samples.find((s) => s.lsn > replayed);
        if (behind) lag = Math.max(lag, now - behind.at);
      }
      this.lagMs = lag;
      this.become(worst, worst === 'lagging' ? `it is more than ${this.maxLagMs} ms behind the primary` : 'every replica answers and keeps up');
    } catch (error) {
      // the primary itself does not answer: the replicas cannot be judged, reads stay where they were
      this.logger.warn(`could not check the read replicas: ${logSafeError(error)}`);
    } finally {
      this.checking = false;
    }
  }

  private become(state: ReplicaState, why: string): void {
    if (state === this.state) return;
    const where = state === 'up' ? 'public reads go to the read replicas' : 'public reads go to the primary';
    this.logger.warn(`read replica ${state}: ${why}; ${where}`);
    this.state = state;
    if (state === 'down') this.lagMs = null;
  }
}

/** What a replica has replayed; throws when it does not answer or is no replica (promoted). */
async function replayedLsn(url: string): Promise<bigint> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CHECK_TIMEOUT_MS, query_timeout: CHECK_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ lsn: string | null }>('select pg_last_wal_replay_lsn()::text as lsn');
    if (!rows[0].lsn) throw new Error('it is not in recovery (not a replica)');
    return lsnBytes(rows[0].lsn);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The site's read routing, for whoever serves the readers (global: its pages and public JSON both read through it). */
@Global()
@Module({ providers: [ReadReplicas], exports: [ReadReplicas] })
export class ReadReplicasModule {}
