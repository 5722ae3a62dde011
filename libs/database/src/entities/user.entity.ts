import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Role } from '@newsroom/domain';

@Entity({ tableName: 'users' })
export class User {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** stored lower-cased, so uniqueness ignores case */
  @Property({ type: 'string', length: 320, unique: true })
  email: string;

  @Property({ type: 'string', length: 200 })
  name: string;

  /** scrypt hash, never serialized */
  @Property({ type: 'string', length: 255, hidden: true, lazy: true })
  passwordHash: string;

  @Property({ type: 'text[]', columnType: 'text[]' })
  roles: Role[];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  constructor(email: string, name: string, passwordHash: string, roles: Role[]) {
    this.email = email.toLowerCase();
    this.name = name;
    this.passwordHash = passwordHash;
    this.roles = roles;
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((r) => this.roles.includes(r));
  }
}
