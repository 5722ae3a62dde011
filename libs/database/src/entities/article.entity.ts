import { Entity, Enum, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ArticleStatus, Priority } from '@newsroom/domain';
import { Rubric } from './rubric.entity';
import { User } from './user.entity';

/**
 * The one resource that moves through the workflow. `version` is MikroORM's
 * optimistic lock: every flush that changes the row bumps it and adds
 * `WHERE version = <loaded>`, so two writers racing cannot both win.
 */
@Entity({ tableName: 'articles' })
// The UPDATE list: newest published first, optionally per rubric, read by index alone.
@Index({ name: 'articles_published_idx', properties: ['publishedAt'], expression: `create index "articles_published_idx" on "articles" ("published_at" desc, "id" desc) where "status" = 'published'` })
@Index({ name: 'articles_rubric_published_idx', expression: `create index "articles_rubric_published_idx" on "articles" ("rubric_id", "published_at" desc, "id" desc) where "status" = 'published'` })
@Index({ name: 'articles_scheduled_idx', expression: `create index "articles_scheduled_idx" on "articles" ("scheduled_for") where "status" = 'scheduled'` })
@Index({ properties: ['status', 'submittedAt'] })
@Index({ properties: ['author', 'status'] })
export class Article {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'string', length: 120, unique: true })
  slug: string;

  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Enum({ items: () => ArticleStatus, nativeEnumName: 'article_status' })
  status: ArticleStatus & Opt = ArticleStatus.Draft;

  @Property({ type: 'string', length: 200 })
  headline: string;

  @Property({ type: 'text', nullable: true })
  lead: string | null = null;

  @Property({ type: 'text' })
  body: string;

  @ManyToOne(() => Rubric)
  rubric: Rubric;

  @ManyToOne(() => User)
  author: User;

  @Property({ type: 'text', nullable: true })
  imageUrl: string | null = null;

  @Property({ type: 'text', nullable: true })
  imageCaption: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  imageCredit: string | null = null;

  @Property({ type: 'text[]', columnType: 'text[]' })
  tags: string[] & Opt = [];

  @Enum({ items: () => Priority, nativeEnumName: 'article_priority' })
  priority: Priority & Opt = Priority.Normal;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  embargoUntil: Date | null = null;

  /** when it entered the review queue (its place in the line) */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  /** the content version an editor approved; only that content may go live */
  @Property({ type: 'integer', nullable: true })
  approvedVersion: number | null = null;

  @ManyToOne(() => User, { nullable: true })
  approvedBy: User | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  scheduledFor: Date | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  publishedAt: Date | null = null;

  /**
   * Set on a pending revision of a live article (API v1.1, scheduled updates):
   * the published article whose content this row will replace once approved
   * and due. Such a row goes through the workflow like a draft, never becomes
   * `published` itself (it ends `applied` or `cancelled`), so no public query
   * can show it.
   */
  @ManyToOne(() => Article, { nullable: true, deleteRule: 'cascade' })
  revisionOf: Article | null = null;

  /** the live article's version the revision started from: what it changed is what differs from that content */
  @Property({ type: 'integer', nullable: true })
  revisionBaseVersion: number | null = null;

  @Property({ type: 'integer', nullable: true })
  wordCount: number | null = null;

  @Property({ type: 'integer', nullable: true })
  readingMinutes: number | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  constructor(init: { slug: string; headline: string; body: string; rubric: Rubric; author: User }) {
    this.slug = init.slug;
    this.headline = init.headline;
    this.body = init.body;
    this.rubric = init.rubric;
    this.author = init.author;
  }
}
