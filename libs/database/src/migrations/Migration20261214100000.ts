import { Migration } from '@mikro-orm/migrations';

/**
 * The desk's figures (GET /review-queue/stats) read a window of the review
 * events from the stored history: this partial index finds them by time
 * without touching the other events (edits, publications), which are most.
 */
export class Migration20261214100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "article_events_review_at_idx" on "article_events" ("at") where "type" in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "article_events_review_at_idx";`);
  }

}
