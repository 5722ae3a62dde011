import { LRUCache } from 'lru-cache';

/** What a render hands the cache: the value, the surrogate keys it holds and how long it may be kept. */
export interface Rendered<V> {
  value: V;
  keys: readonly string[];
  ttlMs: number;
}

interface Stored<V> {
  value: V;
  keys: readonly string[];
}

export interface ResponseCacheOptions<V> {
  maxBytes: number;
  /** the bytes an entry holds (its body, mostly); entries larger than maxBytes are served but never kept */
  sizeOf: (value: V) => number;
  /** the clock expiry is measured with (tests); performance.now() otherwise */
  now?: () => number;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  renders: number;
  renderFailures: number;
  evictions: number;
  dropped: number;
  entries: number;
  bytes: number;
}

/**
 * A replica's cache of rendered responses: bounded by bytes, least recently
 * used first out, each entry with its own expiry and the surrogate keys it
 * holds, so a change drops exactly the entries showing it.
 *
 * One render per key at a time: misses arriving while a render is under way
 * wait for that render, so a burst on a cold or just-dropped page costs one
 * render, never a stampede. A failed render is not kept; its waiters get the
 * error and the next request tries again.
 *
 * A render that was under way when a drop came in may have read the content
 * from before the change: it answers its waiters (they asked before the
 * change was announced) but is not kept, and requests after the drop start a
 * new render rather than join it.
 */
export class ResponseCache<V> {
  private readonly lru: LRUCache<string, Stored<V>>;
  /** surrogate key -> cache keys of the entries holding it */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<V>>();
  /** bumped by every drop: a render begun before one is not kept */
  private generation = 0;
  private readonly counts = { hits: 0, misses: 0, renders: 0, renderFailures: 0, evictions: 0, dropped: 0 };

  constructor(options: ResponseCacheOptions<V>) {
    this.lru = new LRUCache<string, Stored<V>>({
      maxSize: Math.max(1, options.maxBytes),
      sizeCalculation: (stored) => Math.max(1, options.sizeOf(stored.value)),
      // expiry is checked when an entry is read; nothing runs on a timer
      ttl: 60_000,
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
      dispose: (stored, cacheKey, reason) => {
        if (reason === 'evict') this.counts.evictions++;
        this.unindex(cacheKey, stored.keys);
      },
    });
  }

  /** The kept value, if any and fresh (counts a hit). */
  peek(cacheKey: string): V | undefined {
    const stored = this.lru.get(cacheKey);
    if (stored) this.counts.hits++;
    return stored?.value;
  }

  /** The kept value, or the one the render under way for this key will give, or a new render's. */
  async get(cacheKey: string, render: () => Promise<Rendered<V>>): Promise<{ value: V; hit: boolean }> {
    const kept = this.peek(cacheKey);
    if (kept !== undefined) return { value: kept, hit: true };
    this.counts.misses++;
    let pending = this.inFlight.get(cacheKey);
    if (!pending) {
      pending = this.render(cacheKey, render);
      this.inFlight.set(cacheKey, pending);
    }
    return { value: await pending, hit: false };
  }

  /** Drops every entry holding any of these surrogate keys. */
  dropKeys(keys: readonly string[]): number {
    this.generation++;
    this.inFlight.clear();
    const cacheKeys = new Set<string>();
    for (const key of keys) for (const cacheKey of this.byKey.get(key) ?? []) cacheKeys.add(cacheKey);
    for (const cacheKey of cacheKeys) this.lru.delete(cacheKey);
    this.counts.dropped += cacheKeys.size;
    return cacheKeys.size;
  }

  /** Drops everything (announcements may have been missed). */
  dropAll(): void {
    this.generation++;
    this.inFlight.clear();
    this.counts.dropped += this.lru.size;
    this.lru.clear();
  }

  stats(): ResponseCacheStats {
    return { ...this.counts, entries: this.lru.size, bytes: this.lru.calculatedSize };
  }

  private async render(cacheKey: string, render: () => Promise<Rendered<V>>): Promise<V> {
    const generation = this.generation;
    this.counts.renders++;
    try {
      const rendered = await render();
      if (this.generation === generation && rendered.ttlMs > 0) this.keep(cacheKey, rendered);
      return rendered.value;
    } catch (error) {
      this.counts.renderFailures++;
      throw error;
    } finally {
      // a drop may have replaced this render with a newer one: leave that one be
      if (this.generation === generation) this.inFlight.delete(cacheKey);
    }
  }

  private keep(cacheKey: string, rendered: Rendered<V>): void {
    this.lru.set(cacheKey, { value: rendered.value, keys: rendered.keys }, { ttl: rendered.ttlMs });
    // set() refuses an entry larger than the whole cache
    if (!this.lru.has(cacheKey)) return;
    for (const key of rendered.keys) {
      let cacheKeys = this.byKey.get(key);
      if (!cacheKeys) this.byKey.set(key, (cacheKeys = new Set()));
      cacheKeys.add(cacheKey);
    }
  }

  private unindex(cacheKey: string, keys: readonly string[]): void {
    for (const key of keys) {
      const cacheKeys = this.byKey.get(key);
      if (!cacheKeys) continue;
      cacheKeys.delete(cacheKey);
      if (cacheKeys.size === 0) this.byKey.delete(key);
    }
  }
}
