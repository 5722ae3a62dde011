import { Migration } from '@mikro-orm/migrations';

/**
 * The typo look-up asks the lexicon for exact spellings by its key (every
 * spelling one letter away from the typed word: typoVariants in
 * libs/domain), no longer for the nearest words by trigram distance, which
 * took 10-15 ms a word at 58,485 words (bench:search). The trigram index
 * then only cost: each publish inserting its new words into it, and the
 * planner choosing it over the key for an equality probe (gist_trgm_ops
 * has `=`): 0.4 ms a spelling instead of a few microseconds.
 */
export class Migration20261221100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "search_lexicon_trgm_idx";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index if not exists "search_lexicon_trgm_idx" on "search_lexicon" using gist ("word" gist_trgm_ops);`);
  }

}
