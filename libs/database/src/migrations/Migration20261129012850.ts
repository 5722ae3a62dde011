import { Migration } from '@mikro-orm/migrations';

export class Migration20261129012850 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "article_status" as enum ('draft', 'submitted', 'in_review', 'changes_requested', 'rejected', 'approved', 'scheduled', 'published', 'unpublished');`);
    this.addSql(`create type "article_priority" as enum ('normal', 'breaking');`);
    this.addSql(`create table "article_view_hours" ("article_id" uuid not null, "hour" timestamptz not null, "views" bigint not null, constraint "article_view_hours_pkey" primary key ("article_id", "hour"));`);
    this.addSql(`create index "article_view_hours_hour_index" on "article_view_hours" ("hour");`);

    this.addSql(`create table "article_view_totals" ("article_id" uuid not null, "views" bigint not null, constraint "article_view_totals_pkey" primary key ("article_id"));`);

    this.addSql(`create table "outbox_events" ("id" uuid not null, "type" varchar(60) not null, "article_id" uuid null, "payload" jsonb not null, "occurred_at" timestamptz not null, "relayed_at" timestamptz null, constraint "outbox_events_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_events_pending_idx" on "outbox_events" ("occurred_at") where "relayed_at" is null;`);

    this.addSql(`create table "rubrics" ("id" uuid not null, "slug" varchar(80) not null, "name" varchar(120) not null, "created_at" timestamptz not null, constraint "rubrics_pkey" primary key ("id"));`);
    this.addSql(`alter table "rubrics" add constraint "rubrics_slug_unique" unique ("slug");`);

    this.addSql(`create table "users" ("id" uuid not null, "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" varchar(255) not null, "roles" text[] not null, "created_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "review_claims" ("article_id" uuid not null, "editor_id" uuid not null, "claimed_at" timestamptz not null, "expires_at" timestamptz not null, constraint "review_claims_pkey" primary key ("article_id"));`);

    this.addSql(`create table "articles" ("id" uuid not null, "slug" varchar(120) not null, "version" int not null default 1, "status" "article_status" not null, "headline" varchar(200) not null, "lead" text null, "body" text not null, "rubric_id" uuid not null, "author_id" uuid not null, "image_url" text null, "image_caption" text null, "image_credit" varchar(200) null, "tags" text[] not null, "priority" "article_priority" not null, "embargo_until" timestamptz null, "submitted_at" timestamptz null, "approved_version" int null, "approved_by_id" uuid null, "scheduled_for" timestamptz null, "published_at" timestamptz null, "word_count" int null, "reading_minutes" int null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "articles_pkey" primary key ("id"));`);
    this.addSql(`alter table "articles" add constraint "articles_slug_unique" unique ("slug");`);
    this.addSql(`create index "articles_author_id_status_index" on "articles" ("author_id", "status");`);
    this.addSql(`create index "articles_status_submitted_at_index" on "articles" ("status", "submitted_at");`);
    this.addSql(`create index "articles_scheduled_idx" on "articles" ("scheduled_for") where "status" = 'scheduled';`);
    this.addSql(`create index "articles_rubric_published_idx" on "articles" ("rubric_id", "published_at" desc, "id" desc) where "status" = 'published';`);
    this.addSql(`create index "articles_published_idx" on "articles" ("published_at" desc, "id" desc) where "status" = 'published';`);

    this.addSql(`create table "article_revisions" ("id" uuid not null, "article_id" uuid not null, "version" int not null, "headline" varchar(200) not null, "lead" text null, "body" text not null, "rubric_slug" varchar(80) not null, "image_url" text null, "image_caption" text null, "image_credit" varchar(200) null, "tags" text[] not null, "priority" varchar(20) not null, "embargo_until" timestamptz null, "edited_by_id" uuid null, "created_at" timestamptz not null, constraint "article_revisions_pkey" primary key ("id"));`);
    this.addSql(`alter table "article_revisions" add constraint "article_revisions_article_id_version_unique" unique ("article_id", "version");`);

    this.addSql(`create table "article_events" ("id" bigserial primary key, "article_id" uuid not null, "at" timestamptz not null, "actor_id" uuid null, "type" varchar(40) not null, "from_status" varchar(40) null, "to_status" varchar(40) null, "comment" text null, "version" int not null, "data" jsonb null);`);
    this.addSql(`create index "article_events_article_id_id_index" on "article_events" ("article_id", "id");`);

    this.addSql(`create table "article_corrections" ("id" uuid not null, "article_id" uuid not null, "at" timestamptz not null, "note" text not null, "version" int not null, "editor_id" uuid not null, constraint "article_corrections_pkey" primary key ("id"));`);
    this.addSql(`create index "article_corrections_article_id_at_index" on "article_corrections" ("article_id", "at");`);

    this.addSql(`create table "view_flushes" ("id" varchar(100) not null, "views" int not null, "at" timestamptz not null, constraint "view_flushes_pkey" primary key ("id"));`);

    this.addSql(`create table "webhooks" ("id" uuid not null, "url" text not null, "events" text[] not null, "secret" varchar(200) not null, "active" boolean not null default true, "created_by_id" uuid null, "created_at" timestamptz not null, constraint "webhooks_pkey" primary key ("id"));`);

    this.addSql(`create table "webhook_deliveries" ("id" uuid not null, "webhook_id" uuid not null, "event_id" uuid not null, "event_type" varchar(60) not null, "attempt" int not null, "at" timestamptz not null, "ok" boolean not null, "status_code" int null, "error" text null, "duration_ms" int not null, constraint "webhook_deliveries_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_deliveries_webhook_id_at_index" on "webhook_deliveries" ("webhook_id", "at");`);

    this.addSql(`alter table "review_claims" add constraint "review_claims_editor_id_foreign" foreign key ("editor_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "articles" add constraint "articles_rubric_id_foreign" foreign key ("rubric_id") references "rubrics" ("id") on update cascade;`);
    this.addSql(`alter table "articles" add constraint "articles_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade;`);
    this.addSql(`alter table "articles" add constraint "articles_approved_by_id_foreign" foreign key ("approved_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "article_revisions" add constraint "article_revisions_article_id_foreign" foreign key ("article_id") references "articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "article_revisions" add constraint "article_revisions_edited_by_id_foreign" foreign key ("edited_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "article_events" add constraint "article_events_article_id_foreign" foreign key ("article_id") references "articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "article_events" add constraint "article_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "article_corrections" add constraint "article_corrections_article_id_foreign" foreign key ("article_id") references "articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "article_corrections" add constraint "article_corrections_editor_id_foreign" foreign key ("editor_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "webhooks" add constraint "webhooks_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "webhook_deliveries" add constraint "webhook_deliveries_webhook_id_foreign" foreign key ("webhook_id") references "webhooks" ("id") on update cascade on delete cascade;`);
  }

}
