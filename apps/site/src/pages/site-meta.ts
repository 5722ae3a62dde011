import type { PublicArticle } from '../public/public-article.response';
import { STRINGS } from '@newsroom/html';

/** What the <head> of a site page says about it: title, description, OpenGraph, canonical URL. */
export interface PageMeta {
  title: string;
  description: string;
  /** the canonical address; none for a 404, which has none */
  url?: string;
  ogType: 'website' | 'article';
  image?: string;
  publishedTime?: string;
  modifiedTime?: string;
  section?: string;
}

export function listPageMeta(url: string | undefined, title: string, description = STRINGS.siteTagline): PageMeta {
  return { title: title === STRINGS.siteName ? title : `${title} - ${STRINGS.siteName}`, description, url, ogType: 'website' };
}

export function articlePageMeta(url: string, article: PublicArticle): PageMeta {
  return {
    title: `${article.headline} - ${STRINGS.siteName}`,
    description: article.lead ?? article.headline,
    url,
    ogType: 'article',
    image: article.image?.url,
    publishedTime: article.publishedAt,
    modifiedTime: article.updatedAt,
    section: article.rubric.name,
  };
}

/** schema.org NewsArticle, for search engines' article cards. */
export function newsArticleJsonLd(url: string, article: PublicArticle): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: url,
    headline: article.headline,
    description: article.lead ?? undefined,
    image: article.image ? [article.image.url] : undefined,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    articleSection: article.rubric.name,
    keywords: article.tags.length ? article.tags.join(', ') : undefined,
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name })),
    publisher: { '@type': 'Organization', name: STRINGS.siteName },
  };
}
