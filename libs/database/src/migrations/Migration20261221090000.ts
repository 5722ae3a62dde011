import { Migration } from '@mikro-orm/migrations';

/**
 * Snippets from text kept at write time: `search_text`, the lead and the
 * body's text (its markup stripped by newsroom_html_text), generated in the
 * statement that publishes or corrects the article, like the search document.
 *
 * A search built each result's snippet with ts_headline over the lead and
 * newsroom_html_text(body), stripping the HTML of every shown article again
 * (bench:search, 100k articles: ~5 ms of a ~10 ms statement for a page of
 * 21). Now the stripping happens once per write; ts_headline reads the
 * stored text, and only its first part unless the match lies further in
 * (article-search.ts).
 */
export class Migration20261221090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "articles" add column "search_text" text generated always as (
      coalesce(lead, '') || ' ' || newsroom_html_text(body)
    ) stored;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "articles" drop column if exists "search_text";`);
  }

}
