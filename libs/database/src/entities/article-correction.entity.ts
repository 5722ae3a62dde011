import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Article } from './article.entity';
import { User } from './user.entity';

/** A public note under a published article that was corrected in place. */
@Entity({ tableName: 'article_corrections' })
@Index({ properties: ['article', 'at'] })
export class ArticleCorrection {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Article, { deleteRule: 'cascade' })
  article: Article;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  @Property({ type: 'text' })
  note: string;

  @Property({ type: 'integer' })
  version: number;

  @ManyToOne(() => User)
  editor: User;

  constructor(article: Article, note: string, version: number, editor: User) {
    this.article = article;
    this.note = note;
    this.version = version;
    this.editor = editor;
  }
}
