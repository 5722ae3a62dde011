import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { User, UserEvent, UserEventChanges, UserEventType } from '@newsroom/database';
import { conflict, notFound, Role } from '@newsroom/domain';
import type { AuthUser } from '../auth/auth-user';
import { SessionRevocation } from '../auth/session-revocation.service';
import { UpdateUserDto } from './dto/update-user.dto';

/** What one admin action asks of an account. */
interface AccountChange {
  name?: string;
  roles?: Role[];
  active?: boolean;
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/**
 * An admin renames an account, changes its roles, deactivates or reactivates
 * it (`PATCH /users/:id`, `POST /users/:id/deactivate|reactivate`). One
 * transaction locks the account (and, when the change could leave the
 * newsroom without an admin, every active admin first, always in the same
 * order, so two admins demoting each other cannot both succeed), applies the
 * change, writes its audit line and, when it takes access away (deactivation,
 * any change of roles), moves the account to a new token generation, so every
 * token it holds is refused on every replica from the next request on. A
 * refusal stores nothing; asking for what already holds changes nothing and
 * audits nothing.
 */
@Injectable()
export class ChangeAccount {
  constructor(
    private readonly em: EntityManager,
    private readonly revocation: SessionRevocation,
  ) {}

  update(id: string, dto: UpdateUserDto, actor: AuthUser): Promise<User> {
    return this.apply(id, { name: dto.name, roles: dto.roles }, actor);
  }

  deactivate(id: string, actor: AuthUser): Promise<User> {
    return this.apply(id, { active: false }, actor);
  }

  reactivate(id: string, actor: AuthUser): Promise<User> {
    return this.apply(id, { active: true }, actor);
  }

  private apply(id: string, change: AccountChange, actor: AuthUser): Promise<User> {
    return this.em.fork().transactional(async (tx) => {
      const mayDropAnAdmin = change.active === false || (change.roles !== undefined && !change.roles.includes(Role.Admin));
      const activeAdmins = mayDropAnAdmin ? await this.lockActiveAdmins(tx) : [];
      const user = await tx.findOne(User, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) throw notFound('USER.NOT_FOUND', 'no such user');

      const events = this.eventsFor(user, change);
      if (!events.length) return user;
      const staysAdmin = (change.active ?? user.active) && (change.roles ?? user.roles).includes(Role.Admin);
      if (mayDropAnAdmin && activeAdmins.includes(user.id) && !staysAdmin && activeAdmins.length === 1) {
        throw conflict('USER.LAST_ADMIN', 'this is the last active admin: it cannot be deactivated or lose the admin role');
      }

      const takesAccess = events.some((e) => e.type === UserEventType.RolesChanged || e.type === UserEventType.Deactivated);
      if (change.name !== undefined) user.name = change.name;
      if (change.roles !== undefined) user.roles = change.roles;
      if (change.active !== undefined) user.active = change.active;
      if (takesAccess) user.tokenGeneration = await this.revocation.revokeAllFor(user.id, user.tokenGeneration);
      const by = tx.getReference(User, actor.id);
      for (const e of events) tx.persist(new UserEvent({ user, actor: by, ...e }));
      return user;
    });
  }

  /** Every active admin's id, their rows locked in id order (the one order every such transaction takes them in). */
  private async lockActiveAdmins(tx: EntityManager): Promise<string[]> {
    const rows = await tx.execute<{ id: string }[]>(`select id from users where active and 'admin' = any(roles) order by id for update`);
    return rows.map((r) => r.id);
  }

  /** The audit lines a change makes: one per kind of change that really changes something. */
  private eventsFor(user: User, change: AccountChange): { type: UserEventType; changes?: UserEventChanges }[] {
    const events: { type: UserEventType; changes?: UserEventChanges }[] = [];
    if (change.name !== undefined && change.name !== user.name) events.push({ type: UserEventType.Renamed, changes: { name: { from: user.name, to: change.name } } });
    if (change.roles !== undefined && !sameRoles(change.roles, user.roles)) events.push({ type: UserEventType.RolesChanged, changes: { roles: { from: user.roles, to: change.roles } } });
    if (change.active !== undefined && change.active !== user.active) events.push({ type: change.active ? UserEventType.Reactivated : UserEventType.Deactivated, changes: { active: { from: user.active, to: change.active } } });
    return events;
  }
}
