/** Adds hits to the shared per-client counters and answers each counter's total and the rest of its window. */
export interface SharedHitStore {
  add(hits: [client: string, count: number][], windowMs: number): Promise<{ total: number; ttlMs: number }[]>;
}

export interface SharedRateLimitOptions {
  /** requests per client in one window */
  limit: number;
  windowMs: number;
  /** how often this replica hands its hits to the shared store */
  flushEveryMs: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A per-client limit shared by every gateway replica, without a Redis round
 * trip per request: each replica counts its hits locally and adds them to the
 * shared counters (SharedHitStore, one script call for all clients) every
 * `flushEveryMs`, learning each client's total across replicas as it does. A
 * request is decided against that total plus this replica's hits not yet added.
 *
 * Overshoot is bounded: a replica knows everything it admitted itself, so one
 * replica is exact. With R replicas, a replica's view of a client's total
 * lags by what the others admitted since its last flush of that client, and it
 * flushes within `flushEveryMs` of admitting anything: a client spreading
 * requests over all replicas can get beyond the limit at most what each other
 * replica admits it in one flush interval (and never more than R x limit in a
 * window): once a client is past half its limit, every flush reads its total
 * again, so each replica's view of it is at most one interval old. With the limits in use (a few hundred a minute) and 100 ms, that is
 * a handful of requests. A store that is away
 * keeps the hits here (added at the next flush that works) and the replica
 * goes on deciding alone. Counters are fixed windows starting at a client's
 * first hit.
 */
export class SharedRateLimiter {
  /** hits admitted here and not yet in the store (including those of a flush under way) */
  private readonly unflushed = new Map<string, number>();
  /** each client's shared total and window end, as of the last flush that carried its hits */
  private readonly shared = new Map<string, { total: number; resetAt: number }>();
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: SharedHitStore,
    private readonly options: SharedRateLimitOptions,
  ) {}

  /** Counts the hit if the client is within its limit. */
  hit(client: string, now = Date.now()): RateLimitDecision {
    const known = this.shared.get(client);
    const total = known && known.resetAt > now ? known.total : 0;
    const mine = this.unflushed.get(client) ?? 0;
    if (total + mine >= this.options.limit) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((known?.resetAt ?? now + this.options.windowMs) - now) / 1000)) };
    }
    this.unflushed.set(client, mine + 1);
    return { allowed: true };
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Hands the hits counted here to the store (one flush at a time). */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const now = Date.now();
    for (const [client, { resetAt }] of this.shared) if (resetAt <= now) this.shared.delete(client);
    // a client past half its limit has its total read again with every flush, its own hits or not: the other
    // replicas' hits reach this one's decisions within a flush interval, not only with its next hit of that client
    const nearLimit: [string, number][] = [];
    for (const [client, { total }] of this.shared) if (total * 2 >= this.options.limit && !this.unflushed.has(client)) nearLimit.push([client, 0]);
    if (this.unflushed.size === 0 && nearLimit.length === 0) return;
    const hits = [...this.unflushed, ...nearLimit];
    let totals: { total: number; ttlMs: number }[];
    try {
      totals = await this.store.add(hits, this.options.windowMs);
    } catch {
      return; // the store is away: the hits stay here and go with the next flush
    }
    const answered = Date.now();
    hits.forEach(([client, count], i) => {
      // hits admitted while this flush was under way stay for the next one
      const left = (this.unflushed.get(client) ?? 0) - count;
      if (left > 0) this.unflushed.set(client, left);
      else this.unflushed.delete(client);
      this.shared.set(client, { total: totals[i].total, resetAt: answered + totals[i].ttlMs });
    });
  }
}
