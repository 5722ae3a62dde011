import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Article } from './article.entity';
import { User } from './user.entity';

/** One line of an article's history: who did what, from which status to which. */
@Entity({ tableName: 'article_events' })
@Index({ properties: ['article', 'id'] })
// the desk's figures: a window of review events by time (GET /review-queue/stats)
@Index({ name: 'article_events_queue_entry_idx', expression: `create index "article_events_queue_entry_idx" on "article_events" ("article_id", "id") include ("at") where "to_status" = 'in_review' and "from_status" is distinct from 'in_review'` })
@Index({ name: 'article_events_review_at_idx', expression: `create index "article_events_review_at_idx" on "article_events" ("at") where "type" in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected')` })
export class ArticleEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id: string & Opt;

  @ManyToOne(() => Article, { deleteRule: 'cascade' })
  article: Article;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at: Date & Opt = new Date();

  /** null when the system acted (the submission check, the publisher) */
  @ManyToOne(() => User, { nullable: true })
  actor: User | null;

  @Property({ type: 'string', length: 40 })
  type: string;

  @Property({ type: 'string', length: 40, nullable: true })
  fromStatus: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  toStatus: string | null;

  @Property({ type: 'text', nullable: true })
  comment: string | null = null;

  /** the article's version after the event */
  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null = null;

  constructor(init: { article: Article; actor: User | null; type: string; from: string | null; to: string | null; version: number; comment?: string | null; data?: Record<string, unknown> | null }) {
    this.article = init.article;
    this.actor = init.actor;
    this.type = init.type;
    this.fromStatus = init.from;
    this.toStatus = init.to;
    this.version = init.version;
    this.comment = init.comment ?? null;
    this.data = init.data ?? null;
  }
}
