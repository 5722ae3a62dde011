import { Entity, Index, Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A flush of counters already applied to Postgres. Written in the same
 * transaction as the counts, so replaying a flush (after a crash between the
 * commit and clearing Redis) is recognised and skipped. The views service
 * prunes ids past a horizon (FlushPruning), oldest first, hence the index.
 */
@Entity({ tableName: 'view_flushes' })
@Index({ properties: ['at'] })
export class ViewFlush {
  @PrimaryKey({ type: 'string', length: 100 })
  id: string;

  @Property({ type: 'integer' })
  views: number;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  constructor(id: string, views: number) {
    this.id = id;
    this.views = views;
  }
}
