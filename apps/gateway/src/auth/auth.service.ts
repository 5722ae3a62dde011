import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { User } from '@newsroom/database';
import { DomainError } from '@newsroom/domain';
import { AccessTokens } from './access-token';
import type { AuthSession } from './auth-session';
import { LoginResponse } from './dto/login.response';
import { LoginFailures, normalizeEmail } from './login-failures';
import { hashPassword, verifyPassword } from './password-hasher';
import { SessionRevocation } from './session-revocation.service';
import { UserResponse } from '../users/user.response';

// Verified against when the email is unknown, so a wrong email costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly tokens: AccessTokens,
    private readonly failures: LoginFailures,
    private readonly revocation: SessionRevocation,
  ) {}

  async login(email: string, password: string): Promise<LoginResponse> {
    // counted (and refused once the account's failures are used up) before the password is even looked at
    await this.failures.attempt(email);
    const user = await this.em.findOne(User, { email: normalizeEmail(email) }, { populate: ['passwordHash'] });
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, await (decoyHash ??= hashPassword('decoy')));
    if (!user || !ok) throw new DomainError('unauthenticated', 'AUTH.BAD_CREDENTIALS', 'wrong email or password');
    await this.failures.forgive(email);
    // The account's row is share-locked while the token is made: a deactivation or a change of roles running now
    // either waits and then kills this token (a new generation), or has committed and is seen here. Never a token
    // of the new generation with the old roles, or for an account just deactivated.
    const issued = await this.em.fork().transactional(async (tx) => {
      const current = await tx.findOne(User, { id: user.id }, { lockMode: LockMode.PESSIMISTIC_READ });
      if (!current?.active) throw new DomainError('unauthenticated', 'AUTH.ACCOUNT_DEACTIVATED', 'this account has been deactivated');
      const generation = await this.revocation.generationOf(current.id, current.tokenGeneration);
      return { token: await this.tokens.issue({ id: current.id, email: current.email, name: current.name, roles: current.roles }, generation), user: current };
    });
    return { accessToken: issued.token, user: UserResponse.of(issued.user) };
  }

  /** Ends the session at once, on every replica. */
  logout(session: AuthSession): Promise<void> {
    return this.revocation.revoke(session);
  }
}
