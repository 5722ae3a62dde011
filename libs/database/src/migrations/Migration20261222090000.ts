import { Migration } from '@mikro-orm/migrations';

/**
 * The desk's figures (GET /review-queue/stats) without pairing at read time.
 *
 * Each claim's and editor's decision's wait runs from the article's last entry
 * into the review queue. Working that out per request meant sorting and
 * windowing every claim and decision of the window with its article's entries
 * (30 days at 100,000 articles: ~150,000 rows, seconds). Now each claim and
 * decision carries the two moments the figure needs, written by PostgreSQL in
 * the statement that inserts the event, whichever app or script writes it:
 *
 * - `queue_entered_at`: when the article last entered the queue before it (an
 *   event leading into `in_review` from elsewhere), null when it never did;
 * - `queue_prior_at`: the latest earlier claim (for a claim) or decision (for
 *   a decision) answering the same entry, null for the first. Only the first
 *   claim and the first decision per entry count, and of those the window
 *   holds: an answer counts when its prior one, if any, is before the window.
 *
 * Both are worked out exactly as the statement they replace did (the entry is
 * the one with the highest id before the event, its time the latest among
 * them), so the figures stay the same. The history is append-only, and an
 * event's values depend only on events before it, so they never go stale.
 * The stats then read the window's review events from one covering partial
 * index, which replaces article_events_review_at_idx.
 */
export class Migration20261222090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "article_events" add column "queue_entered_at" timestamptz null, add column "queue_prior_at" timestamptz null;`);

    // Volatile (plpgsql's default): a multi-row insert (a bulk load) sees its own earlier rows.
    this.addSql(`create or replace function newsroom_article_events_queue_wait() returns trigger language plpgsql as $$
      declare
        entry_id bigint;
        claim boolean := new.type = 'claimed';
      begin
        select max(e.id), max(e.at) into entry_id, new.queue_entered_at
          from article_events e
         where e.article_id = new.article_id and e.id < new.id
           and e.to_status = 'in_review' and e.from_status is distinct from 'in_review';
        new.queue_prior_at := null;
        if entry_id is not null then
          select max(e.at) into new.queue_prior_at
            from article_events e
           where e.article_id = new.article_id and e.id > entry_id and e.id < new.id
             and case when claim then e.type = 'claimed'
                      else e.type in ('approved', 'rejected') or (e.type = 'changes_requested' and e.actor_id is not null) end;
        end if;
        return new;
      end
    $$;`);
    // The submission check's automatic bounce (changes_requested without an actor) is not an editor's decision.
    this.addSql(`create trigger article_events_queue_wait before insert on article_events for each row
      when (new.type in ('claimed', 'approved', 'rejected') or (new.type = 'changes_requested' and new.actor_id is not null))
      execute function newsroom_article_events_queue_wait();`);

    // The existing history, in one pass per article (the same rules as the trigger).
    this.addSql(`update article_events e set queue_entered_at = w.entered_at, queue_prior_at = w.prior_at
      from (
        select id, kind, entry_id, entered_at,
               max(at) over (partition by article_id, entry_id, kind order by id rows between unbounded preceding and 1 preceding) as prior_at
          from (
            select id, article_id, at, kind,
                   max(case when kind = 'entry' then id end) over (partition by article_id order by id rows unbounded preceding) as entry_id,
                   max(case when kind = 'entry' then at end) over (partition by article_id order by id rows unbounded preceding) as entered_at
              from (
                select id, article_id, at,
                       case when to_status = 'in_review' and from_status is distinct from 'in_review' then 'entry'
                            when type = 'claimed' then 'claim'
                            when type in ('approved', 'rejected') or (type = 'changes_requested' and actor_id is not null) then 'decision' end as kind
                  from article_events
              ) k
             where kind is not null
          ) t
      ) w
     where e.id = w.id and w.kind <> 'entry' and w.entry_id is not null;`);

    // The window's review events and all the figures need of them, read from the index alone.
    this.addSql(`create index "article_events_review_window_idx" on "article_events" ("at") include ("type", "article_id", "queue_entered_at", "queue_prior_at") where "type" in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected') and ("type" <> 'changes_requested' or "actor_id" is not null);`);
    this.addSql(`drop index if exists "article_events_review_at_idx";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "article_events_review_at_idx" on "article_events" ("at") where "type" in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected');`);
    this.addSql(`drop index if exists "article_events_review_window_idx";`);
    this.addSql(`drop trigger if exists article_events_queue_wait on article_events;`);
    this.addSql(`drop function if exists newsroom_article_events_queue_wait();`);
    this.addSql(`alter table "article_events" drop column "queue_entered_at", drop column "queue_prior_at";`);
  }

}
