import { Entity, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { User } from './user.entity';

@Entity({ tableName: 'webhooks' })
export class Webhook {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  url: string;

  @Property({ type: 'text[]', columnType: 'text[]' })
  events: string[];

  /** HMAC key shared with the receiver; never serialized */
  @Property({ type: 'string', length: 200, hidden: true })
  secret: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @ManyToOne(() => User, { nullable: true })
  createdBy: User | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  constructor(url: string, events: string[], secret: string, createdBy: User | null) {
    this.url = url;
    this.events = events;
    this.secret = secret;
    this.createdBy = createdBy;
  }
}
