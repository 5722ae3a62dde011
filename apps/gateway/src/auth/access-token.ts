import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@newsroom/domain';
import type { AuthSession } from './auth-session';
import { AuthUser } from './auth-user';
import { SessionRevocation } from './session-revocation.service';

/** What a signed access token says about its holder and itself. */
interface TokenClaims {
  sub: string;
  email: string;
  name: string;
  roles: Role[];
  /** the holder's token generation at issue */
  gen: number;
  jti: string;
  exp: number;
}

/** The one algorithm tokens are signed and verified with: anything else (alg none, RS256 with the secret as a key) is refused. */
export const TOKEN_ALGORITHM = 'HS256';

/**
 * Issues access tokens and tells who holds one. Shared by the API's guard and
 * the desk's, so a token means the same in both.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly revocation: SessionRevocation,
  ) {}

  /** A token for `user`, of their current generation (SessionRevocation.generationOf), with an id of its own (so it can be revoked alone). */
  async issue(user: AuthUser, gen: number): Promise<string> {
    // `exp` comes from the module's signOptions (NEWSROOM_TOKEN_TTL_SECONDS)
    return this.jwt.signAsync({ sub: user.id, email: user.email, name: user.name, roles: user.roles, gen }, { jwtid: randomUUID(), algorithm: TOKEN_ALGORITHM });
  }

  /**
   * The session a token opens, or null when it is forged, expired, lacks
   * `exp` (it would never expire) or its id, or was revoked. Throws 503 when
   * Redis cannot say whether it was revoked.
   */
  async authenticate(token: string): Promise<AuthSession | null> {
    const session = await this.verify(token);
    if (!session || (await this.revocation.isRevoked(session))) return null;
    return session;
  }

  private async verify(token: string): Promise<AuthSession | null> {
    let claims: Partial<TokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: [TOKEN_ALGORITHM] });
    } catch {
      return null;
    }
    const { sub, email, name, roles, gen, jti, exp } = claims;
    if (typeof exp !== 'number' || typeof jti !== 'string' || typeof gen !== 'number' || typeof sub !== 'string' || !Array.isArray(roles)) return null;
    return { user: { id: sub, email: email ?? '', name: name ?? '', roles }, tokenId: jti, generation: gen, expiresAt: exp * 1000 };
  }
}

/** Whether a route's @Roles (none: anyone signed in) admit the user. */
export function rolesAdmit(required: Role[] | undefined, user: AuthUser): boolean {
  return !required?.length || required.some((r) => user.roles.includes(r));
}
