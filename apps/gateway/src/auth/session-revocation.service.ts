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
} as const;

/** Pub/sub channel telling every replica's open streams that sessions ended. */
const SESSIONS_ENDED_CHANNEL = 'auth:sessions-ended';

type SessionsEnded = { tokenId: string } | { userId: string; generation: number };

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
 * Fails closed: when Redis does not answer, an authenticated request gets 503
 * with Retry-After (redisAnswer) rather than a pass, since a revoked token
 * would otherwise work again for as long as Redis is away.
 */
@Injectable()
export class SessionRevocation implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SessionRevocation.name);
  private readonly watched = new Set<Watched>();
  private listener: ChannelListener | null = null;

  constructor(private readonly redis: RedisClient) {}

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

  /** The user's current token generation, for a token about to be issued. */
  async generationOf(userId: string): Promise<number> {
    return Number(await redisAnswer(this.redis, () => this.redis.get(SessionKey.generation(userId)))) || 0;
  }

  /** Whether the session was logged out or its user's tokens were all revoked since it was issued. */
  async isRevoked(session: AuthSession): Promise<boolean> {
    const [revoked, generation] = await redisAnswer(this.redis, () => this.redis.mget(SessionKey.revokedToken(session.tokenId), SessionKey.generation(session.user.id)));
    // equality, not "at least": should Redis lose the counter, tokens of a later generation die rather than revive
    return revoked !== null || (Number(generation) || 0) !== session.generation;
  }

  /** Ends this one session (logout) on every replica, at once. */
  async revoke(session: AuthSession): Promise<void> {
    const ttlMs = session.expiresAt - Date.now();
    if (ttlMs <= 0) return;
    const ended: SessionsEnded = { tokenId: session.tokenId };
    await redisAnswer(this.redis, () => this.redis.multi().set(SessionKey.revokedToken(session.tokenId), '1', 'PX', ttlMs).publish(this.redis.channel(SESSIONS_ENDED_CHANNEL), JSON.stringify(ended)).exec());
  }

  /**
   * Ends every session the user holds, on every replica (deactivation, a role
   * taken away, a new password): the user signs in again to get a token of
   * the new generation.
   */
  async revokeAllFor(userId: string): Promise<void> {
    const generation = await redisAnswer(this.redis, () => this.redis.incr(SessionKey.generation(userId)));
    const ended: SessionsEnded = { userId, generation };
    await redisAnswer(this.redis, () => this.redis.publish(this.redis.channel(SESSIONS_ENDED_CHANNEL), JSON.stringify(ended)));
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
      const hit = 'tokenId' in ended ? ended.tokenId === session.tokenId : ended.userId === session.user.id && ended.generation !== session.generation;
      if (hit) w.end();
    }
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
