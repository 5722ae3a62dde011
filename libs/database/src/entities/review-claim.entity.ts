import { Entity, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { User } from './user.entity';

/**
 * An editor's lease on a queue item. Kept apart from the article so claiming
 * does not bump the article's version. A row whose `expiresAt` has passed is
 * free: liveness is always judged by database time, never by whether the
 * expiry job has run yet.
 */
@Entity({ tableName: 'review_claims' })
export class ReviewClaim {
  @PrimaryKey({ type: 'uuid' })
  articleId: string;

  @ManyToOne(() => User)
  editor: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  claimedAt: Date & Opt = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt: Date;

  constructor(articleId: string, editor: User, expiresAt: Date) {
    this.articleId = articleId;
    this.editor = editor;
    this.expiresAt = expiresAt;
  }
}
