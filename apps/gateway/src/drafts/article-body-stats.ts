import { Article } from '@newsroom/database';
import { readingMinutes, wordCount } from '@newsroom/domain';

/** Keeps the article's word count and reading time in step with its body. */
export function refreshBodyStats(article: Article): void {
  article.wordCount = wordCount(article.body);
  article.readingMinutes = readingMinutes(article.wordCount);
}
