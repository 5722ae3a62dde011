import type { Article } from '../entities/article.entity';
import { ArticleByline } from '../entities/article-byline.entity';
import type { User } from '../entities/user.entity';

/** An article's staff authors in byline order: its `author`, then its co-authors. */
export function staffAuthorsOf(article: Pick<Article, 'author' | 'bylines'>): User[] {
  return [article.author, ...article.bylines.getItems().flatMap((b) => (b.user ? [b.user] : []))];
}

/** An article's guest bylines, in order. */
export function guestBylinesOf(article: Pick<Article, 'bylines'>): string[] {
  return article.bylines.getItems().flatMap((b) => (b.guestName !== null ? [b.guestName] : []));
}

/**
 * Rewrites the byline: `staff[0]` becomes the author, the other staff and the
 * guests follow in order. Returns false (and touches nothing) when it is the
 * byline the article already has. The byline text readers and the search see
 * (articles.byline) follows in the database, by trigger.
 */
export function setByline(article: Article, staff: User[], guests: string[]): boolean {
  const same =
    sameList(staffAuthorsOf(article).map((u) => u.id), staff.map((u) => u.id)) && sameList(guestBylinesOf(article), guests);
  if (same) return false;
  article.author = staff[0];
  article.bylines.removeAll();
  const rest = [...staff.slice(1).map((user) => ({ user })), ...guests.map((guestName) => ({ guestName }))];
  rest.forEach((who, i) => article.bylines.add(new ArticleByline(article, i + 1, who)));
  return true;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * SQL: whether `userId` is among the staff authors of the article aliased
 * `alias` (two `?` parameters, both the user's id): a reporter's view of
 * lists and searches.
 */
export function authoredBySql(alias: string): string {
  return `(${alias}.author_id = ? or exists (select 1 from article_bylines ab where ab.article_id = ${alias}.id and ab.user_id = ?))`;
}
