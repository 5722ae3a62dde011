import { Article } from '@newsroom/database';
import { conflict } from '@newsroom/domain';

/** The client acts on the version it saw; any other means someone changed the article meanwhile (409). */
export function assertVersion(article: Article, version: number | undefined): void {
  if (version !== undefined && version !== article.version) {
    throw conflict('ARTICLE.STALE_VERSION', `the article is at version ${article.version}, not ${version}; reload it and try again`);
  }
}
