import { EntityManager } from '@mikro-orm/postgresql';
import { Article, Rubric } from '@newsroom/database';
import { invalid, parseNewsroomTime, Priority, sanitizeBody } from '@newsroom/domain';
import { ArticleContentDto } from './article-content.dto';

/** The content fields a revision records; anything else on the article is workflow state. */
const CONTENT_FIELDS = ['headline', 'lead', 'body', 'rubric', 'image', 'tags', 'priority', 'embargoUntil'] as const;

export function hasContentFields(dto: ArticleContentDto): boolean {
  return CONTENT_FIELDS.some((f) => dto[f] !== undefined);
}

/**
 * Applies the given content fields to an article: the body is sanitized, the
 * rubric must exist (400), times are read in the newsroom's zone. Fields left
 * out are kept. Returns whether the content actually changed, so that callers
 * record a revision (and bump the version) only for real changes.
 */
export async function applyContent(em: EntityManager, article: Article, dto: ArticleContentDto, timeZone: string): Promise<boolean> {
  const before = contentFingerprint(article);
  if (dto.headline !== undefined) article.headline = dto.headline.trim();
  if (dto.lead !== undefined) article.lead = dto.lead?.trim() || null;
  if (dto.body !== undefined) {
    const body = sanitizeBody(dto.body);
    if (!body) throw invalid('ARTICLE.BODY_EMPTY', 'body has no content left once unsafe HTML is removed');
    article.body = body;
  }
  if (dto.rubric !== undefined && dto.rubric !== article.rubric?.slug) article.rubric = await findRubric(em, dto.rubric);
  if (dto.image !== undefined) {
    article.imageUrl = dto.image?.url ?? null;
    article.imageCaption = dto.image ? dto.image.caption.trim() : null;
    article.imageCredit = dto.image ? dto.image.credit.trim() : null;
  }
  if (dto.tags !== undefined) article.tags = [...new Set(dto.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (dto.priority !== undefined) article.priority = dto.priority as Priority;
  if (dto.embargoUntil !== undefined) article.embargoUntil = dto.embargoUntil === null ? null : parseNewsroomTime(dto.embargoUntil, timeZone);
  return contentFingerprint(article) !== before;
}

export async function findRubric(em: EntityManager, slug: string): Promise<Rubric> {
  const rubric = await em.findOne(Rubric, { slug });
  if (!rubric) throw invalid('RUBRIC.UNKNOWN', `there is no rubric "${slug}"`);
  return rubric;
}

function contentFingerprint(a: Article): string {
  return JSON.stringify([a.headline, a.lead, a.body, a.rubric?.slug, a.imageUrl, a.imageCaption, a.imageCredit, a.tags, a.priority, a.embargoUntil?.getTime() ?? null]);
}
