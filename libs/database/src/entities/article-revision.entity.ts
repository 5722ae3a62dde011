import { Entity, ManyToOne, Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { staffAuthorsOf, guestBylinesOf } from '../article/article-authors';
import { Article } from './article.entity';
import { User } from './user.entity';

/**
 * A stored version of an article's content. Written when content changes and
 * at each submission check (the snapshot an editor reviews):
 * a version that changed only the status has the content of the revision before it.
 */
@Entity({ tableName: 'article_revisions' })
@Unique({ properties: ['article', 'version'] })
export class ArticleRevision {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Article, { deleteRule: 'cascade' })
  article: Article;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'string', length: 200 })
  headline: string;

  @Property({ type: 'text', nullable: true })
  lead: string | null;

  @Property({ type: 'text' })
  body: string;

  @Property({ type: 'string', length: 80 })
  rubricSlug: string;

  @Property({ type: 'text', nullable: true })
  imageUrl: string | null;

  @Property({ type: 'text', nullable: true })
  imageCaption: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  imageCredit: string | null;

  @Property({ type: 'text[]', columnType: 'text[]' })
  tags: string[];

  @Property({ type: 'string', length: 20 })
  priority: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  embargoUntil: Date | null;

  /** the staff authors, first the article's `author`, with their names as they were */
  @Property({ type: 'json' })
  authors: { id: string; name: string }[];

  @Property({ type: 'text[]', columnType: 'text[]' })
  guestBylines: string[];

  @ManyToOne(() => User, { nullable: true })
  editedBy: User | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  /** Snapshot of the article's content as it is now, at `version`. */
  constructor(article: Article, version: number, editedBy: User | null) {
    this.article = article;
    this.version = version;
    this.headline = article.headline;
    this.lead = article.lead;
    this.body = article.body;
    this.rubricSlug = article.rubric.slug;
    this.imageUrl = article.imageUrl;
    this.imageCaption = article.imageCaption;
    this.imageCredit = article.imageCredit;
    this.tags = [...article.tags];
    this.priority = article.priority;
    this.embargoUntil = article.embargoUntil;
    this.authors = staffAuthorsOf(article).map((u) => ({ id: u.id, name: u.name }));
    this.guestBylines = guestBylinesOf(article);
    this.editedBy = editedBy;
  }
}
