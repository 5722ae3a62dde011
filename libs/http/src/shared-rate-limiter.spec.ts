import { SharedHitStore, SharedRateLimiter } from './shared-rate-limiter';

/** A shared store in memory, as Redis would keep it: one counter per client, fixed windows. */
class MemoryHitStore implements SharedHitStore {
  readonly totals = new Map<string, number>();
  failing = false;

  async add(hits: [string, number][]): Promise<{ total: number; ttlMs: number }[]> {
    if (this.failing) throw new Error('redis down');
    return hits.map(([client, n]) => {
      const total = (this.totals.get(client) ?? 0) + n;
      this.totals.set(client, total);
      return { total, ttlMs: 60_000 };
    });
  }
}

describe('SharedRateLimiter', () => {
  const options = { limit: 4, windowMs: 60_000, flushEveryMs: 100 };
  let store: MemoryHitStore;

  beforeEach(() => (store = new MemoryHitStore()));

  it('is exact on one replica, whether or not a flush came in between', async () => {
    const limiter = new SharedRateLimiter(store, options);
    expect([limiter.hit('a'), limiter.hit('a')].every((d) => d.allowed)).toBe(true);
    await limiter.flush();
    expect([limiter.hit('a'), limiter.hit('a')].every((d) => d.allowed)).toBe(true);
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.hit('b').allowed).toBe(true);
    await limiter.flush();
    expect(store.totals.get('a')).toBe(4);
  });

  it('shares the count between replicas through the store, overshooting by at most one flush interval\'s hits', async () => {
    const [one, two] = [new SharedRateLimiter(store, options), new SharedRateLimiter(store, options)];
    expect([one.hit('a'), one.hit('a'), one.hit('a')].every((d) => d.allowed)).toBe(true);
    await one.flush();
    // the other replica learns the shared total with its first flush of that client
    expect(two.hit('a').allowed).toBe(true);
    await two.flush();
    expect(two.hit('a').allowed).toBe(false);
    // the first still knows 3 of 4: it admits one more (the overshoot), then learns the total
    expect(one.hit('a').allowed).toBe(true);
    await one.flush();
    expect(one.hit('a').allowed).toBe(false);
    expect(store.totals.get('a')).toBe(5);
  });

  it('keeps hits counted while a flush was under way, and keeps them all while the store is away', async () => {
    const limiter = new SharedRateLimiter(store, options);
    limiter.hit('a');
    const flushing = limiter.flush();
    limiter.hit('a');
    await flushing;
    await limiter.flush();
    expect(store.totals.get('a')).toBe(2);

    store.failing = true;
    limiter.hit('a');
    await limiter.flush();
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(false);
    store.failing = false;
    await limiter.flush();
    expect(store.totals.get('a')).toBe(4);
  });

  it('starts a new window once the last one ended', async () => {
    const limiter = new SharedRateLimiter(store, options);
    for (let i = 0; i < 4; i++) limiter.hit('a');
    await limiter.flush();
    expect(limiter.hit('a').allowed).toBe(false);
    expect(limiter.hit('a', Date.now() + 61_000).allowed).toBe(true);
  });

  it('keeps each replica\'s view of a client near its limit fresh, so alternating replicas a flush apart stop at the limit', async () => {
    const replicas = [new SharedRateLimiter(store, options), new SharedRateLimiter(store, options)];
    const allowed: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const [serving, other] = [replicas[i % 2], replicas[(i + 1) % 2]];
      allowed.push(serving.hit('a').allowed);
      // then a flush interval passes on both
      await serving.flush();
      await other.flush();
    }
    expect(allowed).toEqual([true, true, true, true, false, false]);
    expect(store.totals.get('a')).toBe(4);
  });
});
