import { Migration } from '@mikro-orm/migrations';

/**
 * Staff lifecycle (API v1.1): an account can be deactivated, and its token
 * generation lives in Postgres (the system of record) as well as in Redis, so
 * a Redis that lost its data cannot bring a revoked token back to life. Every
 * change to an account is audited in `user_events`.
 */
export class Migration20261210090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "active" boolean not null default true, add column "token_generation" integer not null default 0;`);
    this.addSql(`create table "user_events" ("id" bigserial primary key, "user_id" uuid not null, "at" timestamptz not null, "actor_id" uuid null, "type" varchar(40) not null, "changes" jsonb null);`);
    this.addSql(`create index "user_events_user_id_id_index" on "user_events" ("user_id", "id");`);
    this.addSql(`alter table "user_events" add constraint "user_events_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "user_events" add constraint "user_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "user_events" cascade;`);
    this.addSql(`alter table "users" drop column "active", drop column "token_generation";`);
  }

}
