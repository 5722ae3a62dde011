import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError } from '@newsroom/domain';
import { RedisClient } from '@newsroom/redis';
import { GatewayConfig } from '../gateway.config';
import { redisAnswer } from './redis-answer';

/** The contract's window for failures per account (API.md v1.3). */
const WINDOW_MS = 15 * 60_000;

/**
 * Counts an attempt before the password is checked, so that attempts running
 * at the same time cannot all slip under the limit: the window starts with
 * the first, and once more than `limit` are counted every further attempt is
 * refused until it ends. Returns the count and the window's remaining ms.
 */
const COUNT_ATTEMPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }
`;

/** Takes back an attempt counted by COUNT_ATTEMPT that turned out right (never re-creating an expired counter). */
const FORGIVE_ATTEMPT = `
if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then return redis.call('DECR', KEYS[1]) end
return 0
`;

/**
 * Failed logins per account, shared by every replica through Redis: after
 * NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT failures within 15 minutes, every
 * attempt for that account (from any address, right password or not) gets
 * 429 until the window passes or an admin unlocks it. Counted by normalized
 * email, whether or not an account has it, so limits reveal nothing about
 * which emails exist. The key holds a hash of the email, not the email.
 * (rate-limiter-flexible would do this, but is not a dependency; two short
 * scripts are.)
 */
@Injectable()
export class LoginFailures {
  constructor(
    private readonly redis: RedisClient,
    private readonly config: GatewayConfig,
  ) {}

  /** Counts this attempt, or throws 429 when the account's window is used up. Call `forgive` if the password was right. */
  async attempt(email: string): Promise<void> {
    const [count, ttlMs] = (await redisAnswer(this.redis, () => this.redis.eval(COUNT_ATTEMPT, 1, this.key(email), WINDOW_MS))) as [number, number];
    if (count > this.config.NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT) {
      throw new DomainError(
        'rate_limited',
        'AUTH.ACCOUNT_LOCKED',
        'too many failed logins for this account; try again later',
        Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : WINDOW_MS) / 1000)),
      );
    }
  }

  /** The attempt just counted was right: it is not a failure. */
  async forgive(email: string): Promise<void> {
    await redisAnswer(this.redis, () => this.redis.eval(FORGIVE_ATTEMPT, 1, this.key(email)));
  }

  /** Lifts the account's lock (and forgets its failures) before the window ends. */
  async unlock(email: string): Promise<void> {
    await redisAnswer(this.redis, () => this.redis.del(this.key(email)));
  }

  private key(email: string): string {
    return `auth:login-failures:${createHash('sha256').update(normalizeEmail(email)).digest('hex')}`;
  }
}

/** How an email is compared: accounts are stored lower-case and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
