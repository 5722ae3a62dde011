import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** An article's all-time view count, kept beside the article so counting never bumps its version. */
@Entity({ tableName: 'article_view_totals' })
export class ArticleViewTotal {
  @PrimaryKey({ type: 'uuid' })
  articleId: string;

  @Property({ type: 'bigint', columnType: 'bigint' })
  views: string;

  constructor(articleId: string, views: string) {
    this.articleId = articleId;
    this.views = views;
  }
}
