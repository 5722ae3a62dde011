import { Migration } from '@mikro-orm/migrations';

/**
 * A pending revision of a live article can be dropped by its author or an
 * editor (DELETE /articles/:id/revisions/:revisionId). It is marked
 * `discarded` rather than deleted: deleting would take its history with it
 * (the review figures count its submission and decisions) and leave the live
 * article's history naming a row that no longer exists. The partial unique
 * index `articles_one_pending_revision` names the pending statuses one by
 * one, so a discarded revision stops counting against it with no change here.
 */
export class Migration20261223090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter type "article_status" add value if not exists 'discarded';`);
  }

  override async down(): Promise<void> {
    // PostgreSQL cannot drop one value of an enum; a discarded row is harmless to older code (no pending status)
  }

}
