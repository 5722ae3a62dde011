import { Migration } from '@mikro-orm/migrations';

/**
 * The desk's figures (GET /review-queue/stats) read a window of the review
 * events from the stored history: this partial index finds them by time
 * without touching the other events (edits, publications), which are most;
 * the second holds only the moments articles entered the review queue, from
 * which each claim's and decision's wait is measured.
 */
export class Migration20261218100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "article_events_review_at_idx" on "article_events" ("at") where "type" in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected');`);
    this.addSql(`create index "article_events_queue_entry_idx" on "article_events" ("article_id", "id") include ("at") where "to_status" = 'in_review' and "from_status" is distinct from 'in_review';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "article_events_review_at_idx";`);
    this.addSql(`drop index if exists "article_events_queue_entry_idx";`);
  }

}
