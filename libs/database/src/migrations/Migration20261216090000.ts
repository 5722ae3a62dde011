import { Migration } from '@mikro-orm/migrations';

/**
 * Berita Terkait read when a page is rendered (one query,
 * newsroom_related_ids, kept with the page in the readers' caches) instead of
 * worked out by a row trigger inside the publish. The trigger ran once per
 * article of a publication batch, inside its one UPDATE: a burst of 10,000
 * articles due in the same second paid ~10 ms each in the publisher's
 * transaction (more when their headlines share common words), far past the
 * 10 s in which a burst must be live. The read path already falls back to the
 * function when `related_ids` is null.
 */
export class Migration20261216090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop trigger if exists articles_related on articles;`);
    this.addSql(`update articles set related_ids = null where related_ids is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`create trigger articles_related before update on articles for each row execute function newsroom_articles_related();`);
  }

}
