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
  incr(key: string) {
    return this.answer(() => {
      const next = Number(this.values.get(key) ?? 0) + 1;
      this.values.set(key, String(next));
      return next;
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

const session = (userId: string, tokenId: string, generation = 0, ttlMs = 60_000): AuthSession => ({
  user: { id: userId, email: `${userId}@newsroom.test`, name: userId, roles: [] },
  tokenId,
  generation,
  expiresAt: Date.now() + ttlMs,
});

describe('SessionRevocation', () => {
  let redis: FakeRedis;
  let revocation: SessionRevocation;

  beforeEach(() => {
    redis = new FakeRedis();
    revocation = new SessionRevocation(redis as unknown as RedisClient);
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
    const old = session('u1', 't1', await revocation.generationOf('u1'));
    await revocation.revokeAllFor('u1');
    expect(await revocation.isRevoked(old)).toBe(true);
    expect(await revocation.isRevoked(session('u1', 't2', await revocation.generationOf('u1')))).toBe(false);
    expect(await revocation.isRevoked(session('u2', 't3'))).toBe(false);
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
      await revocation.revokeAllFor('u2');
      expect(ended).toEqual(['a', 'c']);
      jest.advanceTimersByTime(4999);
      expect(ended).toEqual(['a', 'c']);
      jest.advanceTimersByTime(1);
      expect(ended).toEqual(['a', 'c', 'd']);
      // a stream whose client left is no longer watched
      const stop = watch(session('u1', 'e'));
      stop();
      await revocation.revokeAllFor('u1');
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
