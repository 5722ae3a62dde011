import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Article } from './article.entity';
import { User } from './user.entity';

/** One line of an article's history: who did what, from which status to which. */
@Entity({ tableName: 'article_events' })
@Index({ properties: ['article', 'id'] })
// the desk's figures (GET /review-queue/stats): the moments articles entered the review queue
@Index({ name: 'article_events_queue_entry_idx', expression: `create index "article_events_queue_entry_idx" on "article_events" ("article_id", "id") include ("at") where "to_status" = 'in_review' and "from_status" is distinct from 'in_review'` })
// the window's review events with what the figures need of them, from the index alone (Migration20261222090000)
@Index({ name: 'article_events_review_window_idx', expression: `create index "article_events_review_window_idx" on "article_events" ("at") include ("type", "article_id", "queue_entered_at", "queue_prior_at") where "type" in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected') and ("type" <> 'changes_requested' or "actor_id" is not null)` })
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

  /*
   * Kept by PostgreSQL, never written by the ORM: set by the insert's trigger
   * on a claim or an editor's decision (Migration20261222090000 says how),
   * mapped only so the schema diff knows them, lazy so no load reads them,
   * never set so no flush writes them. GET /review-queue/stats reads them in SQL.
   */
  /** when the article last entered the review queue before this claim or decision */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true, lazy: true, hidden: true })
  queueEnteredAt?: Date | null;

  /** the latest earlier claim (decision) answering the same queue entry; null for the first */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true, lazy: true, hidden: true })
  queuePriorAt?: Date | null;

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
