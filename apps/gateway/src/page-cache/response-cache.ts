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

/** A render under way, which requests for the same key wait for. */
interface Flight<V> {
  promise: Promise<Rendered<V>>;
  /** the generation it began in */
  startedAt: number;
  /** once done: the generation of a drop of its keys since it began (it may show what was before), or 0 */
  outdatedAt: number;
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
 * A render that was under way when one of its keys was dropped may have read
 * the content from before the change: it answers the requests that arrived
 * before the drop (they asked before the change was announced) but is not
 * kept, and those that arrived after it render again. A drop of other keys
 * does not disturb it.
 */
export class ResponseCache<V> {
  private readonly lru: LRUCache<string, Stored<V>>;
  /** surrogate key -> cache keys of the entries holding it */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Flight<V>>();
  /** bumped by every drop */
  private generation = 0;
  /** while renders are under way: when each surrogate key was last dropped (a generation) */
  private readonly droppedAt = new Map<string, number>();
  /** when everything was last dropped */
  private allDroppedAt = 0;
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
    return this.peekIf(cacheKey, (value) => value);
  }

  /** What `usable` makes of the kept value, if any and fresh; a hit is counted only when that is something. */
  peekIf<R>(cacheKey: string, usable: (value: V) => R | undefined): R | undefined {
    const stored = this.lru.get(cacheKey);
    const result = stored && usable(stored.value);
    if (result !== undefined) this.counts.hits++;
    return result;
  }

  /** The kept value, or the one the render under way for this key will give, or a new render's. */
  async get(cacheKey: string, render: () => Promise<Rendered<V>>): Promise<{ value: V; hit: boolean }> {
    const kept = this.peek(cacheKey);
    if (kept !== undefined) return { value: kept, hit: true };
    this.counts.misses++;
    for (;;) {
      const joinedAt = this.generation;
      const flight = this.inFlight.get(cacheKey) ?? this.startRender(cacheKey, render);
      const rendered = await flight.promise;
      // a render that may predate a change announced before this request joined it is not its answer
      if (!flight.outdatedAt || joinedAt < flight.outdatedAt) return { value: rendered.value, hit: false };
    }
  }

  /** Drops every entry holding any of these surrogate keys. */
  dropKeys(keys: readonly string[]): number {
    this.generation++;
    if (this.inFlight.size > 0) for (const key of keys) this.droppedAt.set(key, this.generation);
    const cacheKeys = new Set<string>();
    for (const key of keys) for (const cacheKey of this.byKey.get(key) ?? []) cacheKeys.add(cacheKey);
    for (const cacheKey of cacheKeys) this.lru.delete(cacheKey);
    this.counts.dropped += cacheKeys.size;
    return cacheKeys.size;
  }

  /** Drops everything (announcements may have been missed). */
  dropAll(): void {
    this.allDroppedAt = ++this.generation;
    this.counts.dropped += this.lru.size;
    this.lru.clear();
  }

  stats(): ResponseCacheStats {
    return { ...this.counts, entries: this.lru.size, bytes: this.lru.calculatedSize };
  }

  /** Where drops stand now: pass to keepUnlessDropped when a value rendered elsewhere is to be kept here. */
  get dropsSoFar(): number {
    return this.generation;
  }

  /** Keeps a value rendered outside `get` (by another cache's render), unless a drop came in since `dropsSoFar` was read. */
  keepUnlessDropped(cacheKey: string, rendered: Rendered<V>, dropsSoFar: number): void {
    if (this.generation === dropsSoFar && rendered.ttlMs > 0) this.keep(cacheKey, rendered);
  }

  private startRender(cacheKey: string, render: () => Promise<Rendered<V>>): Flight<V> {
    const flight: Flight<V> = { startedAt: this.generation, outdatedAt: 0, promise: Promise.resolve(undefined as never) };
    this.counts.renders++;
    flight.promise = (async () => {
      try {
        const rendered = await render();
        flight.outdatedAt = this.lastDropOf(rendered.keys, flight.startedAt);
        if (!flight.outdatedAt && rendered.ttlMs > 0) this.keep(cacheKey, rendered);
        return rendered;
      } catch (error) {
        this.counts.renderFailures++;
        throw error;
      } finally {
        if (this.inFlight.get(cacheKey) === flight) this.inFlight.delete(cacheKey);
        // what was dropped matters only to renders under way
        if (this.inFlight.size === 0) this.droppedAt.clear();
      }
    })();
    this.inFlight.set(cacheKey, flight);
    return flight;
  }

  /** The latest drop since `since` of anything among `keys` (a generation), or 0. */
  private lastDropOf(keys: readonly string[], since: number): number {
    let at = this.allDroppedAt > since ? this.allDroppedAt : 0;
    for (const key of keys) {
      const dropped = this.droppedAt.get(key) ?? 0;
      if (dropped > since && dropped > at) at = dropped;
    }
    return at;
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
