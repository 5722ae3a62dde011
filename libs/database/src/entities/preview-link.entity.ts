import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Article } from './article.entity';
import { User } from './user.entity';

/**
 * A secret preview link: who may read a version of an article before (or
 * without) its publication. Only the SHA-256 of the token is kept, so the
 * table cannot hand out working links; the token is shown once, when made.
 */
@Entity({ tableName: 'preview_links' })
@Index({ properties: ['article', 'createdAt'] })
export class PreviewLink {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Article, { deleteRule: 'cascade' })
  article: Article;

  /** the article's version when the link was made: the one it shows */
  @Property({ type: 'integer' })
  version: number;

  /** hex SHA-256 of the token */
  @Property({ type: 'string', length: 64, unique: true, hidden: true })
  tokenHash: string;

  @ManyToOne(() => User)
  createdBy: User;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;

  constructor(init: { article: Article; version: number; tokenHash: string; createdBy: User; expiresAt: Date }) {
    this.article = init.article;
    this.version = init.version;
    this.tokenHash = init.tokenHash;
    this.createdBy = init.createdBy;
    this.expiresAt = init.expiresAt;
  }
}
