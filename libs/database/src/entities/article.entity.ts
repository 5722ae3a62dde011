import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { ArticleStatus, Priority } from '@newsroom/domain';
import { ArticleByline } from './article-byline.entity';
import { Rubric } from './rubric.entity';
import { User } from './user.entity';

/** The search document's definition, as PostgreSQL reports it back (the schema diff compares the two). */
const SEARCH_DOCUMENT = `((((setweight(to_tsvector('indonesian'::regconfig, (headline)::text), 'A'::"char") || setweight(to_tsvector('indonesian'::regconfig, COALESCE(lead, ''::text)), 'B'::"char")) || setweight(to_tsvector('indonesian'::regconfig, newsroom_tag_text(tags)), 'B'::"char")) || setweight(to_tsvector('indonesian'::regconfig, newsroom_html_text(body)), 'C'::"char")) || setweight(to_tsvector('indonesian'::regconfig, byline), 'D'::"char")) stored`;

/** The search document without the body (Migration20261220090000), as PostgreSQL reports it back. */
const SEARCH_SUMMARY = `(((setweight(to_tsvector('indonesian'::regconfig, (headline)::text), 'A'::"char") || setweight(to_tsvector('indonesian'::regconfig, COALESCE(lead, ''::text)), 'B'::"char")) || setweight(to_tsvector('indonesian'::regconfig, newsroom_tag_text(tags)), 'B'::"char")) || setweight(to_tsvector('indonesian'::regconfig, byline), 'D'::"char")) stored`;

/** The lead and the body's text, for snippets (Migration20261221090000), as PostgreSQL reports it back. */
const SEARCH_TEXT = `((COALESCE(lead, ''::text) || ' '::text) || newsroom_html_text(body)) stored`;

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
// Search and tag pages (Migration20261212090000): declared so the schema diff keeps them.
@Index({ name: 'articles_search_idx', expression: `create index "articles_search_idx" on "articles" using gin ("search_document")` })
@Index({ name: 'articles_search_summary_idx', expression: `create index "articles_search_summary_idx" on "articles" using gin ("search_summary")` })
@Index({ name: 'articles_tag_slugs_published_idx', expression: `create index "articles_tag_slugs_published_idx" on "articles" using gin ("tag_slugs") where "status" = 'published'` })
@Index({ name: 'articles_sitemap_idx', expression: `create index "articles_sitemap_idx" on "articles" ("published_at", "id") include ("slug", "updated_at") where "status" = 'published'` })
@Index({ name: 'articles_headline_document_published_idx', expression: `create index "articles_headline_document_published_idx" on "articles" using gin ("headline_document") where "status" = 'published'` })
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

  /** the first of the article's authors (the byline's first name) */
  @ManyToOne(() => User)
  author: User;

  /**
   * The rest of the byline, co-authors then guest bylines, in order: loaded
   * with the article wherever it is found, since every view of it names them
   * and the four-eyes rule asks who wrote it. Rewritten by setByline().
   */
  @OneToMany(() => ArticleByline, (byline) => byline.article, { eager: true, strategy: 'select-in', orphanRemoval: true, orderBy: { position: 'asc' } })
  bylines = new Collection<ArticleByline>(this);

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

  /*
   * Kept by PostgreSQL, never written by the ORM (Migration20261212090000 says
   * how): mapped only so the schema diff knows them, lazy so no load reads
   * them, never set so no flush writes them (the generated ones come back in
   * an update's RETURNING, which MikroORM asks for). The search reads them in SQL.
   */
  /** the names readers see as the authors, set by trigger from newsroom_article_byline() */
  @Property({ type: 'text', default: '', lazy: true, hidden: true })
  byline?: string;

  /** headline A, lead and tags B, body text C, bylines D, in the `indonesian` configuration */
  @Property({ type: 'unknown', columnType: 'tsvector', nullable: true, lazy: true, hidden: true, generated: SEARCH_DOCUMENT })
  searchDocument?: unknown;

  /** the search document without the body, kept in the row: ranking reads it per match (Migration20261220090000) */
  @Property({ type: 'unknown', columnType: 'tsvector', nullable: true, lazy: true, hidden: true, generated: SEARCH_SUMMARY })
  searchSummary?: unknown;

  /** the lead and the body's text, stripped once as the article is written: snippets read it (Migration20261221090000) */
  @Property({ type: 'text', nullable: true, lazy: true, hidden: true, generated: SEARCH_TEXT })
  searchText?: string;

  /** the headline alone, small enough to read per candidate: Berita Terkait's text match */
  @Property({ type: 'unknown', columnType: 'tsvector', nullable: true, lazy: true, hidden: true, generated: `to_tsvector('indonesian'::regconfig, (headline)::text) stored` })
  headlineDocument?: unknown;

  /** the tags as /tag/:slug names them */
  @Property({ type: 'text[]', columnType: 'text[]', nullable: true, lazy: true, hidden: true, generated: 'newsroom_tag_slugs(tags) stored' })
  tagSlugs?: string[];

  /** Berita Terkait, worked out by trigger when the article goes live or its published content changes (null: not yet) */
  @Property({ type: 'uuid[]', columnType: 'uuid[]', nullable: true, lazy: true, hidden: true })
  relatedIds?: string[];

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
