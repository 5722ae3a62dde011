import { Migration } from '@mikro-orm/migrations';

/**
 * Search that stays fast on common words: `search_summary`, the search
 * document without the body (headline A, lead and tags B, bylines D), small
 * enough to be stored in the row itself, with a GIN index of its own.
 *
 * A search ranked the newest 500 matches of `search_document` by ts_rank:
 * a common word meant reading (and decompressing) ~1,000 documents of a
 * 300-word body each, ~3.8 KB out of line (bench:search, 100k articles:
 * p50 48 ms, p99 527 ms). Now the matches in headline, lead, tags or bylines
 * come first, ranked on the small vector; matches in the body alone follow,
 * newest first, and are read only when a page runs past the first kind
 * (article-search.ts).
 */
export class Migration20261220090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "articles" add column "search_summary" tsvector generated always as (
      setweight(to_tsvector('indonesian'::regconfig, headline), 'A') ||
      setweight(to_tsvector('indonesian'::regconfig, coalesce(lead, '')), 'B') ||
      setweight(to_tsvector('indonesian'::regconfig, newsroom_tag_text(tags)), 'B') ||
      setweight(to_tsvector('indonesian'::regconfig, byline), 'D')
    ) stored;`);
    // kept in the row: PostgreSQL's default for tsvector would move a large one out of line
    this.addSql(`alter table "articles" alter column "search_summary" set storage main;`);
    this.addSql(`create index "articles_search_summary_idx" on "articles" using gin ("search_summary");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "articles_search_summary_idx";`);
    this.addSql(`alter table "articles" drop column if exists "search_summary";`);
  }

}
