import { Migration } from '@mikro-orm/migrations';

/**
 * Scheduled updates of a live article (API v1.1). A pending revision is an
 * article row of its own (`revision_of_id` names the live article), so it
 * goes through submission, the review queue, four-eyes and the publisher like
 * any draft; it ends `applied` (its content went live) or `cancelled` (the
 * article was unpublished first), never `published`, so no public query sees it.
 *
 * At most one revision per article is on its way at a time (a partial unique
 * index, so two editors starting one at once cannot both succeed). Its
 * predicate names only the statuses that existed before this migration: the new
 * enum values cannot be used in the transaction that adds them.
 */
export class Migration20261218090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "article_status" add value if not exists 'applied';`);
    this.addSql(`alter type "article_status" add value if not exists 'cancelled';`);
    this.addSql(`alter table "articles" add column "revision_of_id" uuid null, add column "revision_base_version" integer null;`);
    this.addSql(`alter table "articles" add constraint "articles_revision_of_id_foreign" foreign key ("revision_of_id") references "articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`create unique index "articles_one_pending_revision" on "articles" ("revision_of_id") where "revision_of_id" is not null and "status" in ('draft', 'submitted', 'in_review', 'changes_requested', 'approved', 'scheduled');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "articles_one_pending_revision";`);
    this.addSql(`alter table "articles" drop constraint if exists "articles_revision_of_id_foreign";`);
    this.addSql(`alter table "articles" drop column "revision_of_id", drop column "revision_base_version";`);
  }

}
