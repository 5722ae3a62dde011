import { EntityManager, Knex } from '@mikro-orm/postgresql';
import { Article } from '../entities/article.entity';
import { ArticleEvent } from '../entities/article-event.entity';
import { OutboxEvent } from '../entities/outbox-event.entity';
import { ArticleJournal } from './article-journal';
import { publishArticle } from './publish-article';

/**
 * Many publications written together: each article goes through the same
 * publishArticle step as a single publish (embargo, status, history, event),
 * and the batch then writes all the rows in one statement (one insert or
 * update per table, as parts of it).
 *
 * Why not the unit of work: for a hundred articles its change sets, the
 * optimistic-lock check and the SQL it formats cost about 25 ms of CPU, most
 * of a scheduled burst's time; one set-based statement with its values in
 * JSON parameters costs a few. That is safe only under the conditions the
 * publisher provides, which is why this is a class of its own:
 * - the caller holds the articles' rows locked (`for update`) in `tx`, so the
 *   versions it loaded are current and the plain `version + 1` is the
 *   optimistic lock's increment;
 * - the articles were loaded unmanaged (`disableIdentityMap`), so the unit of
 *   work has nothing of theirs to flush a second time.
 */
export class PublicationBatch {
  private readonly published: Article[] = [];
  private readonly history: ArticleEvent[] = [];
  private readonly events: OutboxEvent[] = [];
  private readonly journal: ArticleJournal;

  constructor(private readonly tx: EntityManager) {
    this.journal = new ArticleJournal(tx, (entry) => {
      if (entry instanceof ArticleEvent) this.history.push(entry);
      else if (entry instanceof OutboxEvent) this.events.push(entry);
      else throw new Error('a publication writes no revision');
    });
  }

  /** publishArticle for one article of the batch; `now` is the database's clock. */
  publish(article: Article, now: Date): OutboxEvent {
    const event = publishArticle(this.tx, article, { actor: null, now, journal: this.journal });
    article.updatedAt = now;
    this.published.push(article);
    return event;
  }

  /**
   * Writes every publication of the batch, inside the caller's transaction:
   * one statement (a round trip, not three), its values in three JSON parameters.
   */
  async write(): Promise<void> {
    if (this.published.length === 0) return;
    const articles = this.published.map((a) => ({ id: a.id, version: a.version, status: a.status, published_at: a.publishedAt, updated_at: a.updatedAt }));
    const history = this.history.map((h) => ({
      article_id: h.article.id,
      at: h.at,
      actor_id: h.actor?.id ?? null,
      type: h.type,
      from_status: h.fromStatus,
      to_status: h.toStatus,
      comment: h.comment,
      version: h.version,
      data: h.data,
    }));
    const events = this.events.map((e) => ({ id: e.id, type: e.type, article_id: e.articleId, payload: e.payload, occurred_at: e.occurredAt }));
    // knex's raw query, not em.execute: that one formats the values into the SQL text (escaping every
    // character of the JSON), this one sends them as bind parameters, untouched
    const transaction = this.tx.getTransactionContext<Knex.Transaction>();
    if (!transaction) throw new Error('a publication batch writes inside a transaction');
    const { rows } = await transaction.raw<{ rows: { updated: number }[] }>(
      `with updated as (
         update articles a set status = x.status::article_status, published_at = x.published_at, updated_at = x.updated_at, version = a.version + 1
           from jsonb_to_recordset(?::jsonb) as x(id uuid, version int, status text, published_at timestamptz, updated_at timestamptz)
          where a.id = x.id and a.version = x.version
          returning a.id
       ), history as (
         insert into article_events (article_id, at, actor_id, type, from_status, to_status, comment, version, data)
         select article_id, at, actor_id, type, from_status, to_status, comment, version, data
           from jsonb_to_recordset(?::jsonb) as x(article_id uuid, at timestamptz, actor_id uuid, type text, from_status text, to_status text, comment text, version int, data jsonb)
       ), events as (
         insert into outbox_events (id, type, article_id, payload, occurred_at)
         select id, type, article_id, payload, occurred_at
           from jsonb_to_recordset(?::jsonb) as x(id uuid, type text, article_id uuid, payload jsonb, occurred_at timestamptz)
       )
       select count(*)::int as updated from updated`,
      [JSON.stringify(articles), JSON.stringify(history), JSON.stringify(events)],
    );
    const updated = rows[0].updated;
    // the rows are locked, so this cannot happen unless a caller broke the contract above; throwing rolls it all back
    if (updated !== articles.length) throw new Error(`publication batch: ${articles.length - updated} article(s) changed under the batch`);
  }

  get articles(): readonly Article[] {
    return this.published;
  }

  get outboxEvents(): readonly OutboxEvent[] {
    return this.events;
  }
}
