import { Article } from '@newsroom/database';
import { conflict } from '@newsroom/domain';

/** 409 when the caller named a version that is no longer the article's (nothing changes). */
export function expectVersion(article: Article, expected: number | undefined): void {
  if (expected !== undefined && expected !== article.version) {
    throw conflict('ARTICLE.STALE_VERSION', `the article is at version ${article.version}, not ${expected}; reload it and try again`);
  }
}
