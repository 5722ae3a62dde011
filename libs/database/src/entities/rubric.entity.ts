import { Entity, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'rubrics' })
export class Rubric {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 80, unique: true })
  slug: string;

  @Property({ type: 'string', length: 120 })
  name: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  constructor(slug: string, name: string) {
    this.slug = slug;
    this.name = name;
  }
}
