import { Migration } from '@mikro-orm/migrations';

/**
 * Co-authors and guest bylines (API v1.1). The article's `author` stays the
 * first name of its byline; `article_bylines` holds the rest in order:
 * co-authors (reporters on the staff) then guest bylines (free text).
 *
 * newsroom_article_byline(), the one definition of the names readers see
 * (Migration20261212090000), now lists them all, one a line; whatever changes
 * a byline row re-runs it for that article, in the same statement's
 * transaction, so `articles.byline` and the search document follow.
 */
export class Migration20261214090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "article_bylines" (
      "id" uuid not null,
      "article_id" uuid not null,
      "position" int not null,
      "user_id" uuid null,
      "guest_name" varchar(80) null,
      constraint "article_bylines_pkey" primary key ("id"),
      constraint "article_bylines_one_name" check (("user_id" is null) <> ("guest_name" is null)),
      -- deferred: a flush that rewrites a byline may insert the new rows before it deletes the old
      constraint "article_bylines_article_id_position_unique" unique ("article_id", "position") deferrable initially deferred
    );`);
    this.addSql(`create index "article_bylines_user_id_index" on "article_bylines" ("user_id");`);
    this.addSql(`alter table "article_bylines" add constraint "article_bylines_article_id_foreign" foreign key ("article_id") references "articles" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "article_bylines" add constraint "article_bylines_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`);

    this.addSql(`alter table "article_revisions" add column "authors" jsonb not null default '[]', add column "guest_bylines" text[] not null default '{}';`);
    // Every revision so far had one author: the article's. (The defaults stay for tools that write revisions as SQL.)
    this.addSql(`update "article_revisions" r set "authors" = jsonb_build_array(jsonb_build_object('id', u.id, 'name', u.name))
      from "articles" a join "users" u on u.id = a.author_id where a.id = r.article_id;`);

    // The first author, then the rest of the byline in order. Arguments are qualified: `article_id` is also a column.
    this.addSql(`create or replace function newsroom_article_byline(article_id uuid, author_id uuid) returns text language sql stable as $$
      select coalesce(string_agg(names.name, E'\\n' order by names.position), '')
        from (
          select 0 as position, u.name from users u where u.id = newsroom_article_byline.author_id
          union all
          select b.position, coalesce(u.name, b.guest_name)
            from article_bylines b left join users u on u.id = b.user_id
           where b.article_id = newsroom_article_byline.article_id
        ) names
    $$;`);
    // One statement's byline rows, whatever it did to them: each article they belong to gets its byline again.
    this.addSql(`create or replace function newsroom_bylines_changed() returns trigger language plpgsql as $$
      begin
        update articles a set byline = newsroom_article_byline(a.id, a.author_id)
         where a.id in (select article_id from changed_rows);
        return null;
      end
    $$;`);
    // Transition tables allow one event per trigger: three triggers, one function.
    for (const event of ['insert', 'update', 'delete']) {
      const table = event === 'delete' ? 'old table' : 'new table';
      this.addSql(`create trigger article_bylines_${event} after ${event} on article_bylines referencing ${table} as changed_rows for each statement execute function newsroom_bylines_changed();`);
    }
    // A renamed co-author is found (and printed) under the new name too.
    this.addSql(`create or replace function newsroom_users_renamed() returns trigger language plpgsql as $$
      begin
        update articles a set byline = newsroom_article_byline(a.id, a.author_id)
         where a.author_id = new.id or a.id in (select b.article_id from article_bylines b where b.user_id = new.id);
        return null;
      end
    $$;`);
  }

  override async down(): Promise<void> {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists article_bylines_${event} on article_bylines;`);
    this.addSql(`drop function if exists newsroom_bylines_changed();`);
    this.addSql(`create or replace function newsroom_users_renamed() returns trigger language plpgsql as $$
      begin
        update articles a set byline = newsroom_article_byline(a.id, a.author_id) where a.author_id = new.id;
        return null;
      end
    $$;`);
    this.addSql(`create or replace function newsroom_article_byline(article_id uuid, author_id uuid) returns text language sql stable as $$
      select coalesce((select u.name from users u where u.id = author_id), '')
    $$;`);
    this.addSql(`drop table if exists "article_bylines" cascade;`);
    this.addSql(`update "articles" a set "byline" = newsroom_article_byline(a.id, a.author_id);`);
    this.addSql(`alter table "article_revisions" drop column "authors", drop column "guest_bylines";`);
  }

}
