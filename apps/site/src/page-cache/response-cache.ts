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
  /** set by a drop for a change (see dropKeys): when the value began to show what was before */
  staleSince?: number;
}

/**
 * Why entries are dropped. `gone`: what they show may no longer be shown at
 * all (taken down), so they go at once. `changed`: what they show changed, and
 * the value from before may answer for a moment longer, while its one render
 * of the new content is under way (never longer than the grace).
 */
export type DropReason = 'gone' | 'changed';

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
  /**
   * How long after a `changed` drop the value from before may still answer,
   * while its refresh renders (0: a `changed` drop is a `gone` one). Past it,
   * requests wait for the render, so a change shows within this bound.
   */
  staleGraceMs?: number;
}

export interface ResponseCacheStats {
  hits: number;
  misses: number;
  renders: number;
  renderFailures: number;
  /** answers given with the value from before a change while its refresh rendered */
  staleServed: number;
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
 *
 * A drop for a change (not a take-down) keeps the value from before answering
 * while the one render of the new content is under way, up to staleGraceMs:
 * readers of a hot page never queue behind its re-render, and the page is
 * rendered once per change, not once per waiting reader.
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
  private readonly counts = { hits: 0, misses: 0, renders: 0, renderFailures: 0, staleServed: 0, evictions: 0, dropped: 0 };
  private readonly now: () => number;
  private readonly staleGraceMs: number;

  constructor(options: ResponseCacheOptions<V>) {
    this.now = options.now ?? (() => performance.now());
    this.staleGraceMs = options.staleGraceMs ?? 0;
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
    if (!stored) return undefined;
    // the value from before a change answers only while its refresh is under way (get() starts that)
    const stale = stored.staleSince !== undefined;
    if (stale && !(this.inFlight.has(cacheKey) && this.withinGrace(stored))) return undefined;
    const result = usable(stored.value);
    if (result !== undefined) this.counts.hits++;
    if (result !== undefined && stale) this.counts.staleServed++;
    return result;
  }

  /**
   * The kept value, or the one the render under way for this key will give,
   * or a new render's. A value from before a change answers at once (within
   * the grace) while its refresh renders in the background.
   */
  async get(cacheKey: string, render: () => Promise<Rendered<V>>): Promise<{ value: V; hit: boolean }> {
    const stored = this.lru.get(cacheKey);
    if (stored && stored.staleSince === undefined) {
      this.counts.hits++;
      return { value: stored.value, hit: true };
    }
    if (stored && this.withinGrace(stored)) {
      // a failed refresh leaves the value from before; the next request tries again
      if (!this.inFlight.has(cacheKey)) this.startRender(cacheKey, render).promise.catch(() => undefined);
      this.counts.hits++;
      this.counts.staleServed++;
      return { value: stored.value, hit: true };
    }
    this.counts.misses++;
    for (;;) {
      const joinedAt = this.generation;
      const flight = this.inFlight.get(cacheKey) ?? this.startRender(cacheKey, render);
      const rendered = await flight.promise;
      // a render that may predate a change announced before this request joined it is not its answer
      if (!flight.outdatedAt || joinedAt < flight.outdatedAt) return { value: rendered.value, hit: false };
    }
  }

  /**
   * Drops every entry holding any of these surrogate keys: at once (`gone`),
   * or (`changed`) once its refresh has rendered or the grace has passed, for
   * the values `graceFor` allows it (the rest go at once).
   * Renders under way that may have read the content from before are not kept.
   */
  dropKeys(keys: readonly string[], reason: DropReason = 'gone', graceFor: (value: V) => boolean = () => true): number {
    this.generation++;
    if (this.inFlight.size > 0) for (const key of keys) this.droppedAt.set(key, this.generation);
    const cacheKeys = new Set<string>();
    for (const key of keys) for (const cacheKey of this.byKey.get(key) ?? []) cacheKeys.add(cacheKey);
    const softly = reason === 'changed' && this.staleGraceMs > 0;
    const now = this.now();
    for (const cacheKey of cacheKeys) {
      if (!softly) {
        this.lru.delete(cacheKey);
        continue;
      }
      // the grace counts from the first change not yet shown
      const stored = this.lru.peek(cacheKey);
      if (stored && !graceFor(stored.value)) this.lru.delete(cacheKey);
      else if (stored && stored.staleSince === undefined) stored.staleSince = now;
    }
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

  private withinGrace(stored: Stored<V>): boolean {
    return stored.staleSince !== undefined && this.now() - stored.staleSince <= this.staleGraceMs;
  }

  private startRender(cacheKey: string, render: () => Promise<Rendered<V>>): Flight<V> {
    const flight: Flight<V> = { startedAt: this.generation, outdatedAt: 0, promise: Promise.resolve(undefined as never) };
    this.counts.renders++;
    flight.promise = (async () => {
      try {
        const rendered = await render();
        flight.outdatedAt = this.lastDropOf(rendered.keys, flight.startedAt);
        if (!flight.outdatedAt && rendered.ttlMs > 0) this.keep(cacheKey, rendered);
        // a refresh that is not to be kept (it found a 404) ends the value from before too
        else if (!flight.outdatedAt && this.lru.peek(cacheKey)?.staleSince !== undefined) this.lru.delete(cacheKey);
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
