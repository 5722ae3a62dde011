import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { formatNewsroomTime } from '@newsroom/domain';
import { SiteConfig } from '../site.config';
import { PopularWindow } from '../public/popular-window';
import { PublishedArticlesService } from '../public/published-articles.service';
import { PopularArticleItem, PublicArticle, PublicArticleItem } from '../public/public-article.response';
import { articleDateline } from './dateline';

export const SIDE_POPULAR_LIMIT = 7;
export const SIDE_LATEST_LIMIT = 10;
export const FULL_LIST_LIMIT = 20;

export interface SideLists {
  popular: PopularArticleItem[];
  latest: PublicArticleItem[];
}

export interface ArticlePage {
  /** the article's id, which its page does not show but its cache entry is dropped by */
  id: string;
  article: PublicArticle & { dateline: string; corrections: (PublicArticle['corrections'][number] & { atDisplay: string })[] };
}

/**
 * What the site's pages show, read through the readers' API service, so a
 * page and `GET /articles/...` always agree (published articles only).
 */
@Injectable()
export class SiteContent implements OnModuleInit {
  private articles: PublishedArticlesService;

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(SiteConfig) private readonly config: SiteConfig,
  ) {}

  /**
   * PublicModule keeps its service to itself; looking it up in the container
   * shares its one instance without changing that module.
   */
  onModuleInit(): void {
    this.articles = this.moduleRef.get(PublishedArticlesService, { strict: false });
  }

  async rubrics(): Promise<{ slug: string; name: string }[]> {
    const rubrics = await this.articles.rubrics();
    return rubrics.map((r) => ({ slug: r.slug, name: r.name }));
  }

  /**
   * "Populer" and "UPDATE" beside every page (of one rubric on its page); a
   * list the page does not show is not read. An unknown rubric is a not_found
   * DomainError.
   */
  async sideLists(rubric: string | undefined, shown: { popular: boolean; latest: boolean }): Promise<SideLists> {
    const [popular, latest] = await Promise.all([
      shown.popular ? this.articles.popular({ rubric, limit: SIDE_POPULAR_LIMIT }) : [],
      shown.latest ? this.articles.latest({ rubric, limit: SIDE_LATEST_LIMIT }) : [],
    ]);
    return { popular, latest };
  }

  latest(options: { rubric?: string; before?: string; limit?: number }): Promise<PublicArticleItem[]> {
    return this.articles.latest({ rubric: options.rubric, before: options.before, limit: options.limit ?? FULL_LIST_LIMIT });
  }

  popular(window: PopularWindow): Promise<PopularArticleItem[]> {
    return this.articles.popular({ window, limit: FULL_LIST_LIMIT });
  }

  async article(slug: string): Promise<ArticlePage> {
    const { id, article } = await this.articles.publishedBySlug(slug);
    return {
      id,
      article: {
        ...article,
        dateline: articleDateline(article.publishedAtDisplay, article.author.name),
        corrections: article.corrections.map((c) => ({ ...c, atDisplay: formatNewsroomTime(new Date(c.at), this.config.NEWSROOM_TZ) })),
      },
    };
  }
}
