import type { EntityManager } from '@mikro-orm/postgresql';
import type { RedisClient } from '@newsroom/redis';
import { DomainError } from '@newsroom/domain';
import type { AuthSession } from './auth-session';
import { SessionRevocation } from './session-revocation.service';

/** Redis as SessionRevocation uses it: strings with expiry, INCR, and one pub/sub channel delivered at once. */
class FakeRedis {
  status = 'ready';
  hang = false;
  readonly values = new Map<string, string>();
  private readonly listeners = new Map<string, (message: string) => void>();

  channel(name: string): string {
    return `{test}:${name}`;
  }
  listen(name: string, onMessage: (message: string) => void) {
    this.listeners.set(this.channel(name), onMessage);
    return { close: async () => undefined };
  }
  private answer<T>(value: () => T): Promise<T> {
    return this.hang ? new Promise<T>(() => undefined) : Promise.resolve(value());
  }
  get(key: string) {
    return this.answer(() => this.values.get(key) ?? null);
  }
  mget(...keys: string[]) {
    return this.answer(() => keys.map((k) => this.values.get(k) ?? null));
  }
  /** The service's two scripts, by what they do: bump a generation (carrying a token over), or fill one in unless present. */
  eval(script: string, numKeys: number, ...args: (string | number)[]) {
    const keys = args.slice(0, numKeys).map(String);
    const argv = args.slice(numKeys).map(String);
    return this.answer(() => {
      if (script.includes('math.max')) {
        const next = Math.max(Number(this.values.get(keys[0]) ?? 0) + 1, Number(argv[0]));
        this.values.set(keys[0], String(next));
        if (keys[1]) this.values.set(keys[1], String(next));
        return next;
      }
      if (!this.values.has(keys[0])) this.values.set(keys[0], argv[0]);
      return this.values.get(keys[0]);
    });
  }
  publish(channel: string, message: string) {
    return this.answer(() => {
      this.listeners.get(channel)?.(message);
      return 1;
    });
  }
  multi() {
    const steps: (() => unknown)[] = [];
    const chain = {
      set: (key: string, value: string) => (steps.push(() => this.values.set(key, value)), chain),
      publish: (channel: string, message: string) => (steps.push(() => this.listeners.get(channel)?.(message)), chain),
      exec: () => this.answer(() => steps.map((s) => [null, s()])),
    };
    return chain;
  }
}

/** Postgres as SessionRevocation reads it: each user's stored token generation. */
class FakeDatabase {
  readonly generations = new Map<string, number>([
    ['u1', 0],
    ['u2', 0],
    ['u3', 0],
  ]);
  getConnection() {
    return { execute: async (_sql: string, [userId]: string[]) => (this.generations.has(userId) ? [{ token_generation: this.generations.get(userId) }] : []) };
  }
}

const session = (userId: string, tokenId: string, generation = 0, ttlMs = 60_000): AuthSession => ({
  user: { id: userId, email: `${userId}@newsroom.test`, name: userId, roles: [] },
  tokenId,
  generation,
  expiresAt: Date.now() + ttlMs,
});

describe('SessionRevocation', () => {
  let redis: FakeRedis;
  let db: FakeDatabase;
  let revocation: SessionRevocation;
  /** what the callers do: bump under the row lock and store the new generation in Postgres */
  const revokeAll = async (userId: string, keep?: AuthSession) => {
    const generation = await revocation.revokeAllFor(userId, db.generations.get(userId)!, keep);
    db.generations.set(userId, generation);
    return generation;
  };
  const current = (userId: string) => revocation.generationOf(userId, db.generations.get(userId)!);

  beforeEach(() => {
    redis = new FakeRedis();
    db = new FakeDatabase();
    revocation = new SessionRevocation(redis as unknown as RedisClient, db as unknown as EntityManager);
    revocation.onModuleInit();
  });
  afterEach(() => revocation.onModuleDestroy());

  it('revokes one token and leaves the user\'s other tokens alive', async () => {
    const [one, two] = [session('u1', 't1'), session('u1', 't2')];
    await revocation.revoke(one);
    expect(await revocation.isRevoked(one)).toBe(true);
    expect(await revocation.isRevoked(two)).toBe(false);
  });

  it('revokeAllFor kills every token issued before; a token of the new generation lives', async () => {
    const old = session('u1', 't1', await current('u1'));
    expect(await revokeAll('u1')).toBe(1);
    expect(await revocation.isRevoked(old)).toBe(true);
    expect(await revocation.isRevoked(session('u1', 't2', await current('u1')))).toBe(false);
    expect(await revocation.isRevoked(session('u2', 't3'))).toBe(false);
  });

  it('keeps revoked tokens dead when Redis loses its data: the generation comes back from Postgres', async () => {
    const old = session('u1', 't1', await current('u1'));
    await revokeAll('u1');
    const fresh = session('u1', 't2', await current('u1'));
    redis.values.clear();
    expect(await revocation.isRevoked(old)).toBe(true);
    expect(await revocation.isRevoked(fresh)).toBe(false);
    // and the next bump moves past what Postgres holds, never reusing a generation
    expect(await revokeAll('u1')).toBe(2);
    expect(await revocation.isRevoked(fresh)).toBe(true);
  });

  it('moves past a generation Redis holds that Postgres never committed (a commit that failed after the bump)', async () => {
    await revocation.revokeAllFor('u1', 0); // Redis: 1, Postgres still 0
    const issued = session('u1', 't1', await current('u1'));
    expect(issued.generation).toBe(1);
    expect(await revocation.isRevoked(issued)).toBe(false);
    redis.values.clear();
    // Postgres says 0: a token of generation 1 dies rather than lives on unrecorded
    expect(await revocation.isRevoked(issued)).toBe(true);
  });

  it('refuses every token of an account Postgres does not know', async () => {
    expect(await revocation.isRevoked(session('gone', 't1'))).toBe(true);
  });

  it('carries the session that changed its password over to the new generation; the others die, and its stream stays open', async () => {
    const ended: string[] = [];
    const [mine, other] = [session('u1', 'mine'), session('u1', 'other')];
    for (const s of [mine, other]) revocation.watch(s, () => ended.push(s.tokenId));
    await revokeAll('u1', mine);
    expect(await revocation.isRevoked(mine)).toBe(false);
    expect(await revocation.isRevoked(other)).toBe(true);
    expect(ended).toEqual(['other']);
    // a later revocation of everything ends the carried session too
    await revokeAll('u1');
    expect(await revocation.isRevoked(mine)).toBe(true);
    expect(ended).toEqual(['other', 'mine']);
  });

  it('ends watched streams on logout of their token, on a generation bump of their user, and at expiry', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const ended: string[] = [];
      const watch = (s: AuthSession) => revocation.watch(s, () => ended.push(s.tokenId));
      const [a, b, c, d] = [session('u1', 'a'), session('u1', 'b'), session('u2', 'c'), session('u3', 'd', 0, 5000)];
      [a, b, c, d].forEach(watch);
      await revocation.revoke(a);
      expect(ended).toEqual(['a']);
      await revokeAll('u2');
      expect(ended).toEqual(['a', 'c']);
      jest.advanceTimersByTime(4999);
      expect(ended).toEqual(['a', 'c']);
      jest.advanceTimersByTime(1);
      expect(ended).toEqual(['a', 'c', 'd']);
      // a stream whose client left is no longer watched
      const stop = watch(session('u1', 'e'));
      stop();
      await revokeAll('u1');
      expect(ended).toEqual(['a', 'c', 'd', 'b']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('fails closed with 503 and Retry-After when Redis is away or does not answer in time', async () => {
    redis.status = 'reconnecting';
    await expect(revocation.isRevoked(session('u1', 't1'))).rejects.toMatchObject({ kind: 'unavailable', retryAfterSeconds: expect.any(Number) });
    redis.status = 'ready';
    redis.hang = true;
    const started = Date.now();
    const answer = revocation.isRevoked(session('u1', 't1')).catch((e: unknown) => e);
    expect(await answer).toBeInstanceOf(DomainError);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
