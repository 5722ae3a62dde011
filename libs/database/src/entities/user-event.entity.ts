import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { User } from './user.entity';

/** What happened to a staff account, for the audit (`GET /users/:id/history`). Stored: never rename a value. */
export enum UserEventType {
  Created = 'created',
  Renamed = 'renamed',
  RolesChanged = 'roles_changed',
  Deactivated = 'deactivated',
  Reactivated = 'reactivated',
  PasswordChanged = 'password_changed',
  Unlocked = 'unlocked',
}

/** One field's value before and after a change (never a password). */
export type UserEventChanges = Record<string, { from: unknown; to: unknown }>;

/** One line of a staff account's audit: who changed what, and when. */
@Entity({ tableName: 'user_events' })
@Index({ properties: ['user', 'id'] })
export class UserEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string & Opt;

  @ManyToOne(() => User, { deleteRule: 'cascade' })
  user: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  /** null when the system acted (the first admin from the environment) */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actor: User | null;

  @Property({ type: 'string', length: 40 })
  type: UserEventType;

  @Property({ type: 'json', nullable: true })
  changes: UserEventChanges | null;

  constructor(init: { user: User; actor: User | null; type: UserEventType; changes?: UserEventChanges | null }) {
    this.user = init.user;
    this.actor = init.actor;
    this.type = init.type;
    this.changes = init.changes ?? null;
  }
}
