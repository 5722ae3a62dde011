import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { formatNewsroomTime, tagSlug } from '@newsroom/domain';
import { SiteConfig } from '../site.config';
import { PopularWindow } from '../public/popular-window';
import { PublishedArticlesService } from '../public/published-articles.service';
import { PopularArticleItem, PublicArticle, PublicArticleItem, TrendingArticleItem } from '../public/public-article.response';
import { TrendingArticlesService } from '../public/trending-articles.service';
import { ArticleSearch } from '../search/article-search.service';
import { SearchResults } from '../search/search-result.response';
import { articleDateline } from './dateline';

export const SIDE_POPULAR_LIMIT = 7;
export const SIDE_LATEST_LIMIT = 10;
export const FULL_LIST_LIMIT = 20;
export const SEARCH_PAGE_LIMIT = 20;

export interface SideLists {
  popular: PopularArticleItem[];
  latest: PublicArticleItem[];
  /** "Naik Daun" (the home page's side) */
  trending: TrendingArticleItem[];
}

/** How many rising stories the home page's "Naik Daun" block shows. */
const SIDE_TRENDING_LIMIT = 5;

export const RELATED_ON_PAGE = 5;

export interface ArticlePage {
  /** the article's id, which its page does not show but its cache entry is dropped by */
  id: string;
  article: PublicArticle & {
    dateline: string;
    corrections: (PublicArticle['corrections'][number] & { atDisplay: string })[];
    tagLinks: { name: string; slug: string }[];
  };
  /** Berita Terkait */
  related: PublicArticleItem[];
}

/**
 * What the site's pages show, read through the readers' API service, so a
 * page and `GET /articles/...` always agree (published articles only).
 */
@Injectable()
export class SiteContent implements OnModuleInit {
  private articles: PublishedArticlesService;
  private searcher: ArticleSearch;
  private trendingArticles: TrendingArticlesService;

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
    this.searcher = this.moduleRef.get(ArticleSearch, { strict: false });
    this.trendingArticles = this.moduleRef.get(TrendingArticlesService, { strict: false });
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
  async sideLists(rubric: string | undefined, shown: { popular: boolean; latest: boolean; trending?: boolean }): Promise<SideLists> {
    const [popular, latest, trending] = await Promise.all([
      shown.popular ? this.articles.popular({ rubric, limit: SIDE_POPULAR_LIMIT }) : [],
      shown.latest ? this.articles.latest({ rubric, limit: SIDE_LATEST_LIMIT }) : [],
      shown.trending ? this.trendingArticles.trending({ rubric, limit: SIDE_TRENDING_LIMIT }) : [],
    ]);
    return { popular, latest, trending };
  }

  latest(options: { rubric?: string; tag?: string; before?: string; limit?: number }): Promise<PublicArticleItem[]> {
    return this.articles.latest({ rubric: options.rubric, tag: options.tag, before: options.before, limit: options.limit ?? FULL_LIST_LIMIT });
  }

  /** The tag as written on the articles that carry it (`Korea Utara` for `korea-utara`). */
  async tagName(slug: string, items: PublicArticleItem[]): Promise<string | undefined> {
    return this.articles.tagName(slug, items.map((item) => item.id));
  }

  /** The readers' search, as the /cari page shows it. */
  search(query: { q: string; cursor?: string }): Promise<SearchResults> {
    return this.searcher.search({ q: query.q, cursor: query.cursor, limit: SEARCH_PAGE_LIMIT });
  }

  popular(window: PopularWindow): Promise<PopularArticleItem[]> {
    return this.articles.popular({ window, limit: FULL_LIST_LIMIT });
  }

  async article(slug: string): Promise<ArticlePage> {
    const { id, article } = await this.articles.publishedBySlug(slug);
    const related = await this.articles.related(id, RELATED_ON_PAGE);
    return {
      id,
      related,
      article: {
        ...article,
        tagLinks: article.tags.map((name) => ({ name, slug: tagSlug(name) })).filter((tag) => tag.slug !== ''),
        dateline: articleDateline(article.publishedAtDisplay, article.authors.map((a) => a.name)),
        corrections: article.corrections.map((c) => ({ ...c, atDisplay: formatNewsroomTime(new Date(c.at), this.config.NEWSROOM_TZ) })),
      },
    };
  }
}
