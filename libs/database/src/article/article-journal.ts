import { EntityManager } from '@mikro-orm/postgresql';
import { EventType } from '@newsroom/contracts';
import { Article } from '../entities/article.entity';
import { ArticleEvent } from '../entities/article-event.entity';
import { ArticleRevision } from '../entities/article-revision.entity';
import { OutboxEvent } from '../entities/outbox-event.entity';
import { User } from '../entities/user.entity';
import { toArticleView } from './article-view.mapper';

/**
 * Everything a state change writes besides the article row itself: the
 * history line, the content revision and the outbox event. All of it is
 * persisted by the same flush, so it commits (or rolls back) with the change.
 *
 * The article's version is bumped by that flush, so entries record the version
 * the article will have afterwards: `article.version + 1` while it is dirty.
 */
export class ArticleJournal {
  private lastOccurredAt = 0;

  /**
   * `keep` receives every entry; by default the unit of work persists it. A
   * bulk writer (PublicationBatch) collects them instead and writes each kind
   * with one statement.
   */
  constructor(
    em: EntityManager,
    private readonly keep: (entry: ArticleEvent | ArticleRevision | OutboxEvent) => void = (entry) => em.persist(entry),
  ) {}

  /** The version the article will have once the pending change is flushed. */
  nextVersion(article: Article): number {
    return article.version + 1;
  }

  history(
    article: Article,
    entry: { type: string; actor: User | null; from: string | null; to: string | null; comment?: string | null; data?: Record<string, unknown> | null; version?: number },
  ): ArticleEvent {
    const event = new ArticleEvent({ article, version: entry.version ?? this.nextVersion(article), ...entry });
    this.keep(event);
    return event;
  }

  revision(article: Article, editedBy: User | null, version = this.nextVersion(article)): ArticleRevision {
    const revision = new ArticleRevision(article, version, editedBy);
    this.keep(revision);
    return revision;
  }

  /**
   * An outbox event carrying the article as it will be after the change
   * (webhook receivers get exactly this snapshot). Call after mutating the
   * article; `version` is the post-flush version.
   */
  announce(type: EventType, article: Article, extra: Record<string, unknown> = {}): OutboxEvent {
    const view = { ...toArticleView(article), version: this.nextVersion(article), updatedAt: new Date().toISOString() };
    return this.persistInOrder(new OutboxEvent(type, article.id, { article: view, ...extra }));
  }

  /**
   * An outbox event for something that leaves the article row untouched (a
   * claim, a release): the snapshot is the article as it is, at its current version.
   */
  announceUnchanged(type: EventType, article: Article, extra: Record<string, unknown> = {}): OutboxEvent {
    return this.persistInOrder(new OutboxEvent(type, article.id, { article: toArticleView(article), ...extra }));
  }

  /**
   * Events of one change often fall in the same millisecond, and the relay
   * hands them on in `occurredAt` order: each later event of this journal gets
   * a strictly later time, so `article.unscheduled` always precedes the
   * `review.entered` written after it.
   */
  private persistInOrder(event: OutboxEvent): OutboxEvent {
    const at = Math.max(event.occurredAt.getTime(), this.lastOccurredAt + 1);
    this.lastOccurredAt = at;
    event.occurredAt = new Date(at);
    this.keep(event);
    return event;
  }
}
