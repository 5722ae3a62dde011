import { Migration } from '@mikro-orm/migrations';

/**
 * Berita Terkait without reading whole search documents. Working out an
 * article's related stories matched candidates on `search_document`
 * restricted to headline weight, which PostgreSQL can only check by
 * decompressing each candidate's whole document (a body of 300 words makes
 * one of ~4 KB): on a large archive, one publish read thousands of them.
 * `headline_document` is the headline alone (a few dozen bytes, stored
 * inline, GIN-indexed for published articles): candidates and their text
 * rank come from it, with shared tags and the rubric first as before.
 */
export class Migration20261213090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "articles" add column "headline_document" tsvector generated always as (to_tsvector('indonesian'::regconfig, headline)) stored;`);
    this.addSql(`create index "articles_headline_document_published_idx" on "articles" using gin ("headline_document") where "status" = 'published';`);
    this.addSql(`create or replace function newsroom_related_ids(target uuid, wanted int) returns uuid[] language sql stable as $$
      with me as (
        select a.id, a.rubric_id, a.tag_slugs,
               nullif(replace(plainto_tsquery('indonesian'::regconfig, a.headline || ' ' || newsroom_tag_text(a.tags))::text, ' & ', ' | '), '')::tsquery as words,
               nullif(replace(plainto_tsquery('indonesian'::regconfig, a.headline)::text, ' & ', ' | '), '')::tsquery as headline_words
          from articles a where a.id = target
      ), candidates as (
        (select c.id from articles c, me
          where c.status = 'published' and c.id <> me.id and cardinality(me.tag_slugs) > 0 and c.tag_slugs && me.tag_slugs
          order by c.published_at desc limit 200)
        union
        (select c.id from articles c, me
          where c.status = 'published' and c.id <> me.id and me.headline_words is not null and c.headline_document @@ me.headline_words
          order by c.published_at desc limit 200)
      )
      select coalesce(array_agg(ranked.id order by ranked.shared desc, ranked.same_rubric desc, ranked.rank desc, ranked.published_at desc, ranked.id desc), '{}')
        from (
          select c.id, c.published_at,
                 cardinality(array(select unnest(c.tag_slugs) intersect select unnest(me.tag_slugs))) as shared,
                 (c.rubric_id = me.rubric_id) as same_rubric,
                 coalesce(ts_rank(c.headline_document, me.words), 0) as rank
            from candidates k join articles c on c.id = k.id, me
           order by shared desc, same_rubric desc, rank desc, c.published_at desc, c.id desc
           limit wanted
        ) ranked
    $$;`);
  }

  override async down(): Promise<void> {
    // newsroom_related_ids as Migration20261212090000 defined it, before the column it now reads goes
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
    this.addSql(`drop index if exists "articles_headline_document_published_idx";`);
    this.addSql(`alter table "articles" drop column if exists "headline_document";`);
  }

}
