import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Counted views per article per hour: the durable source of every ranking.
 * Written by the views service with one multi-row upsert per flush.
 */
@Entity({ tableName: 'article_view_hours' })
@Index({ properties: ['hour'] })
export class ArticleViewHour {
  @PrimaryKey({ type: 'uuid' })
  articleId: string;

  @PrimaryKey({ type: 'datetime', columnType: 'timestamptz' })
  hour: Date;

  @Property({ type: 'bigint', columnType: 'bigint' })
  views: string;

  constructor(articleId: string, hour: Date, views: string) {
    this.articleId = articleId;
    this.hour = hour;
    this.views = views;
  }
}
