import { Migration } from '@mikro-orm/migrations';

/**
 * Cheaper Berita Terkait and monthly sitemaps on a large archive.
 *
 * newsroom_related_ids (read when an article's page is rendered,
 * Migration20261216090000) took its text candidates from a bitmap of every
 * published headline sharing a word, and its tag candidates from every
 * article sharing a tag, each fetched and sorted: a common word or tag
 * matches tens of thousands of articles (bench:search, 100k articles: 32,153
 * rows for one headline, ~30 ms of tag rows, up to ~430 ms a call). Now the
 * candidates are the first 200 of the newest 2,000 published articles whose
 * headline shares a word, the first 200 of them sharing a tag (a walk of the
 * published index, each check a few bytes), and any 200 sharing a tag from
 * the whole archive (the tag index, no sort); ranking as before.
 *
 * `articles_sitemap_idx` holds what a monthly sitemap lists (published_at,
 * id, slug, updated_at of published articles), so building one (44,640
 * articles in a month of one a minute) reads no article row.
 */
export class Migration20261219090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function newsroom_related_ids(target uuid, wanted int) returns uuid[] language sql stable as $$
      with me as (
        select a.id, a.rubric_id, a.tag_slugs,
               nullif(replace(plainto_tsquery('indonesian'::regconfig, a.headline || ' ' || newsroom_tag_text(a.tags))::text, ' & ', ' | '), '')::tsquery as words,
               nullif(replace(plainto_tsquery('indonesian'::regconfig, a.headline)::text, ' & ', ' | '), '')::tsquery as headline_words
          from articles a where a.id = target
      ), recent as (
        select n.id, n.headline_document, n.tag_slugs from articles n
         where n.status = 'published' and n.id <> target
         order by n.published_at desc, n.id desc limit 2000
      ), candidates as (
        (select c.id from recent c, me
          where cardinality(me.tag_slugs) > 0 and c.tag_slugs && me.tag_slugs
          limit 200)
        union
        (select c.id from articles c, me
          where c.status = 'published' and c.id <> me.id and cardinality(me.tag_slugs) > 0 and c.tag_slugs && me.tag_slugs
          limit 200)
        union
        (select c.id
           from recent c, me
          where me.headline_words is not null and c.headline_document @@ me.headline_words
          limit 200)
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
    this.addSql(`create index "articles_sitemap_idx" on "articles" ("published_at", "id") include ("slug", "updated_at") where "status" = 'published';`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "articles_sitemap_idx";`);
    // newsroom_related_ids as Migration20261213090000 defined it
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

}
