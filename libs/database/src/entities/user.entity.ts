import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';
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

  /** a deactivated account cannot sign in, and every token it held is dead */
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  /**
   * The account's token generation, as Postgres (the system of record) knows
   * it: Redis holds the working copy every request checks, and is refilled
   * from here should it lose its data. A token of another generation is dead.
   */
  @Property({ type: 'integer', default: 0 })
  tokenGeneration: number & Opt = 0;

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
