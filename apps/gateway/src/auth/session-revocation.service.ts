import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { logSafeError } from '@newsroom/database';
import { ChannelListener, RedisClient } from '@newsroom/redis';
import type { AuthSession } from './auth-session';
import { redisAnswer } from './redis-answer';

/**
 * Redis keys (under the deployment's prefix, itself a hash tag, so one MGET
 * over a token's and a user's keys stays in one Cluster slot). Stored in
 * Redis across deploys: never rename one.
 */
const SessionKey = {
  /** string, present while a revoked token would still be valid: its `jti` was logged out */
  revokedToken: (tokenId: string) => `auth:revoked-token:${tokenId}`,
  /** integer: the user's token generation; a token issued under an older one is dead */
  generation: (userId: string) => `auth:token-generation:${userId}`,
  /** integer, while the token would still be valid: the generation this token was carried over to (it survived its holder's password change) */
  carried: (tokenId: string) => `auth:carried-token:${tokenId}`,
} as const;

/**
 * Moves the user's generation past both what Redis holds and `floor` (what
 * Postgres holds, plus one), so a Redis that lost the counter cannot hand out
 * a generation already used; optionally carries one token over to the new
 * generation. Returns the new generation.
 */
const BUMP_GENERATION = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local next = math.max(current + 1, tonumber(ARGV[1]))
redis.call('SET', KEYS[1], next)
if KEYS[2] then redis.call('SET', KEYS[2], next, 'PX', ARGV[2]) end
return next
`;

/** Fills in a generation Redis does not hold (never bumped, or lost) from Postgres, unless another request did so first. */
const REFILL_GENERATION = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])
`;

/** Pub/sub channel telling every replica's open streams that sessions ended. */
const SESSIONS_ENDED_CHANNEL = 'auth:sessions-ended';

type SessionsEnded = { tokenId: string } | { userId: string; generation: number; keepTokenId?: string };

interface Watched {
  session: AuthSession;
  end: () => void;
  timer: NodeJS.Timeout;
}

/**
 * Ends sessions before their tokens expire, on every gateway replica: a
 * logged-out token's `jti` is remembered in Redis for the rest of its life,
 * and each user has a token generation that, once bumped, kills every token
 * issued before. Every authenticated request checks both in one round trip.
 *
 * The generation's record is `users.token_generation` in Postgres, written in
 * the same transaction as the change that bumped it (deactivation, roles, a
 * new password); Redis holds the copy each request reads. Should Redis lose
 * its data, the copy is refilled from Postgres on first use, so a revoked
 * token stays dead (a logged-out single token, remembered only in Redis, is
 * then forgotten until it expires).
 *
 * Fails closed: when Redis does not answer, an authenticated request gets 503
 * with Retry-After (redisAnswer) rather than a pass, since a revoked token
 * would otherwise work again for as long as Redis is away.
 */
@Injectable()
export class SessionRevocation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionRevocation.name);
  private readonly watched = new Set<Watched>();
  private listener: ChannelListener | null = null;

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
  ) {}

  onModuleInit(): void {
    this.listener = this.redis.listen(
      SESSIONS_ENDED_CHANNEL,
      (message) => this.onSessionsEnded(message),
      // announcements sent while we were disconnected are lost: ask Redis again about every open stream
      () => void this.recheckWatched(),
    );
  }

  async onModuleDestroy(): Promise<void> {
    for (const w of this.watched) clearTimeout(w.timer);
    this.watched.clear();
    await this.listener?.close();
  }

  /**
   * The user's current token generation, for a token about to be issued.
   * `stored` is what Postgres holds (read under the lock that keeps the
   * account from changing meanwhile), used when Redis holds nothing.
   */
  async generationOf(userId: string, stored: number): Promise<number> {
    const held = await redisAnswer(this.redis, () => this.redis.get(SessionKey.generation(userId)));
    return held !== null ? Number(held) : this.refill(userId, stored);
  }

  /** Whether the session was logged out or its user's tokens were all revoked since it was issued. */
  async isRevoked(session: AuthSession): Promise<boolean> {
    const { tokenId, user } = session;
    const [revoked, held, carried] = await redisAnswer(this.redis, () => this.redis.mget(SessionKey.revokedToken(tokenId), SessionKey.generation(user.id), SessionKey.carried(tokenId)));
    if (revoked !== null) return true;
    const current = held !== null ? Number(held) : await this.refillFromDatabase(user.id);
    // equality, not "at least": tokens of a generation Postgres never committed die rather than live on
    return current === null || (carried !== null ? Number(carried) : session.generation) !== current;
  }

  /** Ends this one session (logout) on every replica, at once. */
  async revoke(session: AuthSession): Promise<void> {
    const ttlMs = session.expiresAt - Date.now();
    if (ttlMs <= 0) return;
    const ended: SessionsEnded = { tokenId: session.tokenId };
    await redisAnswer(this.redis, () => this.redis.multi().set(SessionKey.revokedToken(session.tokenId), '1', 'PX', ttlMs).publish(this.redis.channel(SESSIONS_ENDED_CHANNEL), JSON.stringify(ended)).exec());
  }

  /**
   * Ends every session the user holds, on every replica (deactivation, a
   * change of roles, a new password), but `keep` if given (the session that
   * changed its own password): the user signs in again to get a token of the
   * new generation. `stored` is the generation Postgres holds, the row locked
   * by the caller's transaction; the caller stores the returned generation
   * there before committing. Done before the commit, so a failing Redis
   * refuses the change (503) rather than leave tokens alive; a commit that
   * fails afterwards has only ended sessions early.
   */
  async revokeAllFor(userId: string, stored: number, keep?: AuthSession): Promise<number> {
    const keys = [SessionKey.generation(userId), ...(keep ? [SessionKey.carried(keep.tokenId)] : [])];
    const carryMs = keep ? Math.max(1, keep.expiresAt - Date.now()) : 0;
    const generation = Number(await redisAnswer(this.redis, () => this.redis.eval(BUMP_GENERATION, keys.length, ...keys, stored + 1, carryMs)));
    const ended: SessionsEnded = { userId, generation, ...(keep ? { keepTokenId: keep.tokenId } : {}) };
    await redisAnswer(this.redis, () => this.redis.publish(this.redis.channel(SESSIONS_ENDED_CHANNEL), JSON.stringify(ended)));
    return generation;
  }

  /**
   * Calls `end` once, when the session expires or is revoked (for long-lived
   * responses such as the review queue's stream, which no later request
   * re-checks). Returns the way to stop watching, for when the client left.
   */
  watch(session: AuthSession, end: () => void): () => void {
    const entry: Watched = {
      session,
      end: () => {
        unwatch();
        end();
      },
      // setTimeout's limit is 24.8 days; tokens live hours
      timer: setTimeout(() => entry.end(), Math.max(0, session.expiresAt - Date.now())),
    };
    const unwatch = () => {
      clearTimeout(entry.timer);
      this.watched.delete(entry);
    };
    this.watched.add(entry);
    return unwatch;
  }

  private onSessionsEnded(message: string): void {
    let ended: SessionsEnded;
    try {
      ended = JSON.parse(message) as SessionsEnded;
    } catch {
      // only gateways of this deployment publish here; a stray message must not take the process down
      return this.logger.warn('ignored a malformed sessions-ended message');
    }
    for (const w of [...this.watched]) {
      const { session } = w;
      const hit =
        'tokenId' in ended
          ? ended.tokenId === session.tokenId
          : ended.userId === session.user.id && ended.keepTokenId !== session.tokenId && ended.generation !== session.generation;
      if (hit) w.end();
    }
  }

  private async refillFromDatabase(userId: string): Promise<number | null> {
    const rows = await this.em.getConnection().execute<{ token_generation: number }[]>('select token_generation from users where id = ?', [userId]);
    // no such account (any more): no token of it is alive
    return rows.length ? this.refill(userId, rows[0].token_generation) : null;
  }

  private async refill(userId: string, stored: number): Promise<number> {
    return Number(await redisAnswer(this.redis, () => this.redis.eval(REFILL_GENERATION, 1, SessionKey.generation(userId), stored)));
  }

  private async recheckWatched(): Promise<void> {
    for (const w of [...this.watched]) {
      try {
        if (await this.isRevoked(w.session)) w.end();
      } catch (error) {
        this.logger.warn(`could not re-check an open stream's session: ${logSafeError(error)}`);
      }
    }
  }
}
