import type { ArticleView } from '@newsroom/contracts';
import { Article } from '../entities/article.entity';
import { ArticleCorrection } from '../entities/article-correction.entity';
import { guestBylinesOf, staffAuthorsOf } from './article-authors';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The staff representation of an article (the HTTP contract's `article`, also sent to webhooks). */
export function toArticleView(article: Article, extra: { views?: number; corrections?: ArticleCorrection[] } = {}): ArticleView {
  return {
    id: article.id,
    slug: article.slug,
    version: article.version,
    status: article.status,
    headline: article.headline,
    lead: article.lead,
    body: article.body,
    rubric: { slug: article.rubric.slug, name: article.rubric.name },
    author: { id: article.author.id, name: article.author.name },
    authors: staffAuthorsOf(article).map((u) => ({ id: u.id, name: u.name })),
    guestBylines: guestBylinesOf(article),
    image: article.imageUrl ? { url: article.imageUrl, caption: article.imageCaption ?? '', credit: article.imageCredit ?? '' } : null,
    tags: article.tags,
    priority: article.priority,
    embargoUntil: iso(article.embargoUntil),
    scheduledFor: iso(article.scheduledFor),
    publishedAt: iso(article.publishedAt),
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    views: extra.views ?? 0,
    wordCount: article.wordCount,
    readingMinutes: article.readingMinutes,
    approvedVersion: article.approvedVersion,
    corrections: (extra.corrections ?? []).map((c) => ({ at: c.at.toISOString(), note: c.note })),
    revisionOf: article.revisionOf?.id ?? null,
  };
}
