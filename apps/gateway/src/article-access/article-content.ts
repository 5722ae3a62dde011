import { EntityManager } from '@mikro-orm/postgresql';
import { Article, guestBylinesOf, Rubric, setByline, staffAuthorsOf, User } from '@newsroom/database';
import { guestBylinesFrom, invalid, parseNewsroomTime, Priority, Role, sanitizeBody } from '@newsroom/domain';
import { ArticleContentDto } from './article-content.dto';

/** The content fields a revision records; anything else on the article is workflow state. */
const CONTENT_FIELDS = ['headline', 'lead', 'body', 'rubric', 'image', 'tags', 'priority', 'embargoUntil', 'authors', 'guestBylines'] as const;

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
  let bylineChanged = false;
  if (dto.authors !== undefined || dto.guestBylines !== undefined) {
    const staff = dto.authors !== undefined ? await findReporters(em, dto.authors) : staffAuthorsOf(article);
    const guests = dto.guestBylines !== undefined ? guestBylinesFrom(dto.guestBylines) : guestBylinesOf(article);
    bylineChanged = setByline(article, staff, guests);
    // the byline rows are not the article's row: this dirties it, so the version moves with them
    if (bylineChanged) article.updatedAt = new Date();
  }
  return bylineChanged || contentFingerprint(article) !== before;
}

/**
 * The staff authors named by id, in that order, or 400: each an active
 * account with the reporter role (an editor who also reports may co-author,
 * and is then no reviewer of the article).
 */
export async function findReporters(em: EntityManager, ids: string[]): Promise<User[]> {
  if (new Set(ids).size !== ids.length) throw invalid('AUTHORS.DUPLICATE', 'an author is listed twice');
  const found = new Map((await em.find(User, { id: { $in: ids } })).map((u) => [u.id, u]));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw invalid('AUTHORS.UNKNOWN', `there is no user ${missing}`);
  const notReporter = ids.map((id) => found.get(id)!).find((u) => !u.active || !u.hasRole(Role.Reporter));
  if (notReporter) throw invalid('AUTHORS.NOT_REPORTER', `${notReporter.name} is not an active reporter, and cannot be an author`);
  return ids.map((id) => found.get(id)!);
}

export async function findRubric(em: EntityManager, slug: string): Promise<Rubric> {
  const rubric = await em.findOne(Rubric, { slug });
  if (!rubric) throw invalid('RUBRIC.UNKNOWN', `there is no rubric "${slug}"`);
  return rubric;
}

function contentFingerprint(a: Article): string {
  return JSON.stringify([a.headline, a.lead, a.body, a.rubric?.slug, a.imageUrl, a.imageCaption, a.imageCredit, a.tags, a.priority, a.embargoUntil?.getTime() ?? null]);
}
