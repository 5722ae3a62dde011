import { Migration } from '@mikro-orm/migrations';

/**
 * Finding and following stories (API v1.2): search on PostgreSQL itself,
 * tag pages and "Berita Terkait".
 *
 * Everything derived from an article's content is kept by PostgreSQL in the
 * statement that changes the content, whichever app makes it (publish now,
 * the publisher's scheduled publishing, a correction, a live update, a bulk
 * load): no re-index job that can fall behind, no code path that can forget.
 *
 * - `byline`: the names readers see as the article's authors, one a line, set from
 *   newsroom_article_byline(), the one place that says who they are (the
 *   co-author change replaces that function's body to add co-authors and
 *   guest bylines; the search document follows by itself).
 * - `search_document`: a generated, GIN-indexed tsvector in the `indonesian`
 *   configuration (its stemmer folds mempertahankan/pertahanan to `tahan`):
 *   headline A, lead and tags B, body text C, bylines D.
 * - `tag_slugs`: the tags as they appear in /tag/:slug addresses.
 * - `search_lexicon`: every word (5..32 letters) of published content,
 *   trigram-indexed, from which a mistyped query word gets its correction.
 * - `related_ids`: "Berita Terkait", worked out when the article is published
 *   or its published content changes (null: not yet worked out; readers then
 *   get the same function's answer at once).
 */
export class Migration20261212090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create extension if not exists fuzzystrmatch;`);

    // The sanitized body's text: its markup out, the entities sanitize-html writes back to characters (&amp; last).
    this.addSql(`create or replace function newsroom_html_text(html text) returns text language sql immutable parallel safe as $$
      select replace(replace(replace(replace(replace(replace(regexp_replace(coalesce(html, ''), '<[^>]*>', ' ', 'g'),
        '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&')
    $$;`);
    // array_to_string is only stable (element types' output functions); over text[] it is immutable.
    this.addSql(`create or replace function newsroom_tag_text(tags text[]) returns text language sql immutable parallel safe as $$
      select coalesce(array_to_string(tags, ' '), '')
    $$;`);
    // The slug of a tag in /tag/:slug, as tagSlug() in libs/domain makes it: accents folded, ASCII words joined by hyphens.
    this.addSql(`create or replace function newsroom_tag_slug(tag text) returns text language sql immutable parallel safe as $$
      select trim(both '-' from regexp_replace(
        translate(lower(replace(replace(replace(tag, '''', ''), '’', ''), '\`', '')),
          'áàâäãåāéèêëēíìîïīóòôöõøōúùûüūçñý', 'aaaaaaaeeeeeiiiiiooooooouuuuucny'),
        '[^a-z0-9]+', '-', 'g'))
    $$;`);
    this.addSql(`create or replace function newsroom_tag_slugs(tags text[]) returns text[] language sql immutable parallel safe as $$
      select coalesce(array(select distinct s from unnest(tags) t, newsroom_tag_slug(t) s where s <> ''), '{}')
    $$;`);

    // Who the article is by, as readers see it. The one definition: co-authors and guest bylines extend it.
    this.addSql(`create or replace function newsroom_article_byline(article_id uuid, author_id uuid) returns text language sql stable as $$
      select coalesce((select u.name from users u where u.id = author_id), '')
    $$;`);
    this.addSql(`alter table "articles" add column "byline" text not null default '';`);
    this.addSql(`update "articles" a set "byline" = newsroom_article_byline(a.id, a.author_id);`);
    this.addSql(`create or replace function newsroom_articles_byline() returns trigger language plpgsql as $$
      begin
        new.byline := newsroom_article_byline(new.id, new.author_id);
        return new;
      end
    $$;`);
    this.addSql(`create trigger articles_byline before insert or update of author_id on articles for each row execute function newsroom_articles_byline();`);
    // A renamed author is found under the new name.
    this.addSql(`create or replace function newsroom_users_renamed() returns trigger language plpgsql as $$
      begin
        update articles a set byline = newsroom_article_byline(a.id, a.author_id) where a.author_id = new.id;
        return null;
      end
    $$;`);
    this.addSql(`create trigger users_renamed after update of name on users for each row when (old.name is distinct from new.name) execute function newsroom_users_renamed();`);

    this.addSql(`alter table "articles" add column "search_document" tsvector generated always as (
      setweight(to_tsvector('indonesian'::regconfig, headline), 'A') ||
      setweight(to_tsvector('indonesian'::regconfig, coalesce(lead, '')), 'B') ||
      setweight(to_tsvector('indonesian'::regconfig, newsroom_tag_text(tags)), 'B') ||
      setweight(to_tsvector('indonesian'::regconfig, newsroom_html_text(body)), 'C') ||
      setweight(to_tsvector('indonesian'::regconfig, byline), 'D')
    ) stored;`);
    this.addSql(`create index "articles_search_idx" on "articles" using gin ("search_document");`);

    this.addSql(`alter table "articles" add column "tag_slugs" text[] generated always as (newsroom_tag_slugs(tags)) stored;`);
    this.addSql(`create index "articles_tag_slugs_published_idx" on "articles" using gin ("tag_slugs") where "status" = 'published';`);

    this.addSql(`create table "search_lexicon" ("word" text not null, constraint "search_lexicon_pkey" primary key ("word"));`);
    this.addSql(`create index "search_lexicon_trgm_idx" on "search_lexicon" using gist ("word" gist_trgm_ops);`);
    // The words of published content, once each; set-based, so a bulk load costs one pass, a publish a few hundred probes.
    this.addSql(`create or replace function newsroom_lexicon_add() returns trigger language plpgsql as $$
      begin
        insert into search_lexicon (word)
        select distinct w
          from changed_rows r,
               unnest(tsvector_to_array(to_tsvector('simple'::regconfig,
                 r.headline || ' ' || coalesce(r.lead, '') || ' ' || newsroom_tag_text(r.tags) || ' ' || newsroom_html_text(r.body)))) w
         where r.status = 'published' and length(w) between 5 and 32 and w ~ '^[a-z]+$'
        on conflict do nothing;
        return null;
      end
    $$;`);
    this.addSql(`create trigger articles_lexicon_insert after insert on articles referencing new table as changed_rows for each statement execute function newsroom_lexicon_add();`);
    this.addSql(`create trigger articles_lexicon_update after update on articles referencing new table as changed_rows for each statement execute function newsroom_lexicon_add();`);
    this.addSql(`insert into search_lexicon (word)
      select distinct w from articles a,
        unnest(tsvector_to_array(to_tsvector('simple'::regconfig, a.headline || ' ' || coalesce(a.lead, '') || ' ' || newsroom_tag_text(a.tags) || ' ' || newsroom_html_text(a.body)))) w
       where a.status = 'published' and length(w) between 5 and 32 and w ~ '^[a-z]+$'
      on conflict do nothing;`);

    /*
     * Berita Terkait: up to `wanted` other published articles, by shared tags,
     * then same rubric, then how well their text matches this one's headline
     * and tags, newest first among equals. Candidates are the newest 200
     * sharing a tag and the newest 200 matching a headline word in a headline,
     * so the work is bounded however common a tag or word is.
     */
    this.addSql(`create or replace function newsroom_related_ids(target uuid, wanted int) returns uuid[] language sql stable as $$
      with me as (
        select a.id, a.rubric_id, a.tag_slugs,
               nullif(replace(plainto_tsquery('indonesian'::regconfig, a.headline || ' ' || newsroom_tag_text(a.tags))::text, ' & ', ' | '), '')::tsquery as words,
               nullif(regexp_replace(replace(plainto_tsquery('indonesian'::regconfig, a.headline)::text, ' & ', ' | '), '''( |$)', ''':A\\1', 'g'), '')::tsquery as headline_words
          from articles a where a.id = target
      ), candidates as (
        (select c.id from articles c, me
          where c.status = 'published' and c.id <> me.id and cardinality(me.tag_slugs) > 0 and c.tag_slugs && me.tag_slugs
          order by c.published_at desc limit 200)
        union
        (select c.id from articles c, me
          where c.status = 'published' and c.id <> me.id and me.headline_words is not null and c.search_document @@ me.headline_words
          order by c.published_at desc limit 200)
      )
      select coalesce(array_agg(ranked.id order by ranked.shared desc, ranked.same_rubric desc, ranked.rank desc, ranked.published_at desc, ranked.id desc), '{}')
        from (
          select c.id, c.published_at,
                 cardinality(array(select unnest(c.tag_slugs) intersect select unnest(me.tag_slugs))) as shared,
                 (c.rubric_id = me.rubric_id) as same_rubric,
                 coalesce(ts_rank(c.search_document, me.words), 0) as rank
            from candidates k join articles c on c.id = k.id, me
           order by shared desc, same_rubric desc, rank desc, c.published_at desc, c.id desc
           limit wanted
        ) ranked
    $$;`);
    this.addSql(`alter table "articles" add column "related_ids" uuid[] null;`);
    // Worked out as the article goes live and whenever its published content changes, in that same statement.
    this.addSql(`create or replace function newsroom_articles_related() returns trigger language plpgsql as $$
      begin
        if new.status = 'published' and (old.status is distinct from 'published'
            or new.headline is distinct from old.headline or new.lead is distinct from old.lead or new.body is distinct from old.body
            or new.tags is distinct from old.tags or new.rubric_id is distinct from old.rubric_id) then
          new.related_ids := newsroom_related_ids(new.id, 10);
          -- earlier coverage learns of this one too: it goes first in the lists of the five it is most related to
          update articles o set related_ids = (array[new.id] || array_remove(coalesce(o.related_ids, '{}'), new.id))[1:10]
           where o.id = any(new.related_ids[1:5]) and o.status = 'published';
        end if;
        return new;
      end
    $$;`);
    this.addSql(`create trigger articles_related before update on articles for each row execute function newsroom_articles_related();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists articles_related on articles;`);
    this.addSql(`drop trigger if exists articles_lexicon_update on articles;`);
    this.addSql(`drop trigger if exists articles_lexicon_insert on articles;`);
    this.addSql(`drop trigger if exists users_renamed on users;`);
    this.addSql(`drop trigger if exists articles_byline on articles;`);
    this.addSql(`drop table if exists "search_lexicon";`);
    this.addSql(`alter table "articles" drop column if exists "related_ids", drop column if exists "tag_slugs", drop column if exists "search_document", drop column if exists "byline";`);
    this.addSql(`drop function if exists newsroom_articles_related(), newsroom_related_ids(uuid, int), newsroom_lexicon_add(), newsroom_users_renamed(), newsroom_articles_byline(), newsroom_article_byline(uuid, uuid), newsroom_tag_slugs(text[]), newsroom_tag_slug(text), newsroom_tag_text(text[]), newsroom_html_text(text);`);
  }

}
