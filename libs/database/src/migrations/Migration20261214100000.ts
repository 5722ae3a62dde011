import { Migration } from '@mikro-orm/migrations';

/**
 * Secret preview links (API v1.1): a version of an article shown to someone
 * outside the newsroom by an unguessable link that expires and can be
 * revoked. Only the token's SHA-256 is stored.
 */
export class Migration20261214100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "preview_links" (
      "id" uuid not null,
      "article_id" uuid not null,
      "version" int not null,
      "token_hash" varchar(64) not null,
      "created_by_id" uuid not null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      constraint "preview_links_pkey" primary key ("id")
    );`);
    this.addSql(`alter table "preview_links" add constraint "preview_links_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "preview_links_article_id_created_at_index" on "preview_links" ("article_id", "created_at");`);
    this.addSql(`alter table "preview_links" add constraint "preview_links_article_id_foreign" foreign key ("article_id") references "articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "preview_links" add constraint "preview_links_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "preview_links" cascade;`);
  }

}
