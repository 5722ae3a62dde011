import { Migration } from '@mikro-orm/migrations';

export class Migration20261129041659 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "view_flushes_at_index" on "view_flushes" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "view_flushes_at_index";`);
  }

}
