import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { User, UserEvent, UserEventType } from '@newsroom/database';
import { DomainError, forbidden } from '@newsroom/domain';
import type { AuthSession } from '../auth/auth-session';
import { LoginFailures } from '../auth/login-failures';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import { SessionRevocation } from '../auth/session-revocation.service';
import { ChangePasswordDto } from './dto/change-password.dto';

/**
 * `POST /users/me/password`: the signed-in user sets a new password, proving
 * the current one. Wrong guesses count against the account like failed
 * logins (a stolen token cannot be used to try passwords without limit).
 * Every other session of the user ends on every replica; the one that made
 * the change is carried over to the new token generation and lives on.
 */
@Injectable()
export class ChangeOwnPassword {
  constructor(
    private readonly em: EntityManager,
    private readonly failures: LoginFailures,
    private readonly revocation: SessionRevocation,
  ) {}

  async execute(session: AuthSession, dto: ChangePasswordDto): Promise<void> {
    const newHash = await hashPassword(dto.newPassword);
    await this.em.fork().transactional(async (tx) => {
      // locked before the current password is checked: two changes at once are one after the other, each proving the password it replaces
      const user = await tx.findOne(User, { id: session.user.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['passwordHash'] });
      if (!user?.active) throw new DomainError('unauthenticated', 'AUTH.TOKEN_INVALID', 'the access token is invalid, has expired or was revoked');
      await this.failures.attempt(user.email);
      if (!(await verifyPassword(dto.currentPassword, user.passwordHash))) throw forbidden('USER.WRONG_PASSWORD', 'the current password is wrong');
      await this.failures.forgive(user.email);
      user.passwordHash = newHash;
      user.tokenGeneration = await this.revocation.revokeAllFor(user.id, user.tokenGeneration, session);
      tx.persist(new UserEvent({ user, actor: user, type: UserEventType.PasswordChanged }));
    });
  }
}
