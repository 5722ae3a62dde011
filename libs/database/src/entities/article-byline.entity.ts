import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Article } from './article.entity';
import { User } from './user.entity';

/**
 * One name after the first in an article's byline: a co-author (a reporter on
 * the staff) or a guest byline (free text, stored as typed). The first author
 * is the article's `author`; these follow it in `position` order, staff before
 * guests. The unique (article, position) is deferred to the commit (in the
 * migration), so a byline rewritten in one flush may insert before it deletes.
 */
@Entity({ tableName: 'article_bylines' })
@Index({ properties: ['user'] })
export class ArticleByline {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Article, { deleteRule: 'cascade' })
  article: Article;

  @Property({ type: 'integer' })
  position: number;

  /** loaded with the article: every view of it names its authors */
  @ManyToOne(() => User, { nullable: true, eager: true })
  user: User | null;

  @Property({ type: 'string', length: 80, nullable: true })
  guestName: string | null;

  constructor(article: Article, position: number, who: { user: User } | { guestName: string }) {
    this.article = article;
    this.position = position;
    this.user = 'user' in who ? who.user : null;
    this.guestName = 'guestName' in who ? who.guestName : null;
  }
}
