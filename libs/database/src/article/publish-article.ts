import { EntityManager } from '@mikro-orm/postgresql';
import { EventType } from '@newsroom/contracts';
import { ArticleAction, HistoryType, nextStatus, unprocessable } from '@newsroom/domain';
import { Article } from '../entities/article.entity';
import { OutboxEvent } from '../entities/outbox-event.entity';
import { User } from '../entities/user.entity';
import { ArticleJournal } from './article-journal';

/** The moment the embargo lifts, if it has not yet at `now`. */
export function embargoedUntil(article: Pick<Article, 'embargoUntil'>, now: Date): Date | null {
  return article.embargoUntil && article.embargoUntil.getTime() > now.getTime() ? article.embargoUntil : null;
}

/**
 * The one "this article goes live now" step, shared by publish-now (gateway)
 * and the scheduled publish (publisher), so both enforce the embargo and write
 * the same history and event. It only mutates and journals: the caller's flush
 * commits it, and the optimistic lock on `version` makes that flush fail for
 * every writer but the first.
 *
 * `now` is the database's clock (databaseNow): it becomes `publishedAt`.
 * `journal` is where the history and event go (PublicationBatch's, to write
 * many publications at once); by default the caller's unit of work.
 */
export function publishArticle(em: EntityManager, article: Article, options: { actor: User | null; now: Date; journal?: ArticleJournal }): OutboxEvent {
  const { actor, now } = options;
  const embargo = embargoedUntil(article, now);
  if (embargo) throw unprocessable('ARTICLE.EMBARGOED', `the article is under embargo until ${embargo.toISOString()}`);
  const from = article.status;
  article.status = nextStatus(from, ArticleAction.Publish);
  article.publishedAt = now;
  const journal = options.journal ?? new ArticleJournal(em);
  const scheduledFor = article.scheduledFor;
  const history = journal.history(article, {
    type: HistoryType.Published,
    actor,
    from,
    to: article.status,
    data: scheduledFor ? { scheduledFor: scheduledFor.toISOString(), latenessMs: now.getTime() - scheduledFor.getTime() } : null,
  });
  // the history line and publishedAt tell the same moment
  history.at = now;
  return journal.announce(EventType.ArticlePublished, article);
}
