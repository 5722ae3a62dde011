import { Client } from 'pg';
import { BYLINE_NAMES, INDONESIAN_WORDS } from './indonesian-words';

/** Tags: two-word topics and single words from the same vocabulary, a few of them very common. */
export const TAG_COUNT = 400;

/**
 * Gives loadArchive's articles Indonesian copy: headlines of 6..10 words,
 * a lead of ~25, a body of ~320 in paragraphs, 1..3 tags, drawn from
 * INDONESIAN_WORDS with a Zipf-like skew (the commonest words are in most
 * articles, the rarest in a few hundred), and bylines of ten reporters.
 * Set-based, a batch of articles per statement.
 *
 * Related stories are worked out as articles are published; a bulk load
 * skips that (the trigger is off meanwhile) and readers get them on first
 * read, as for any article inserted already published.
 */
export async function giveArticlesIndonesianText(client: Client, options: { batch?: number } = {}): Promise<void> {
  const batch = options.batch ?? 5000;
  const words = [...INDONESIAN_WORDS];
  const tags = Array.from({ length: TAG_COUNT }, (_, i) => (i % 3 === 0 ? words[40 + i] : `${words[40 + i]} ${words[100 + ((i * 7) % 300)]}`));
  const { rows } = await client.query<{ n: string }>('select count(*)::text as n from articles');
  const total = Number(rows[0].n);
  await client.query('alter table articles disable trigger articles_related');
  // the full-text and tag indexes are built once afterwards, from their own definitions, rather than updated row by row
  const { rows: indexes } = await client.query<{ indexdef: string; indexname: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'articles' and indexname in ('articles_search_idx', 'articles_tag_slugs_published_idx')`,
  );
  for (const index of indexes) await client.query(`drop index "${index.indexname}"`);
  try {
    // bylines: the authors' names as loaded (one author), spread over the reporters' names
    await client.query(`update users set name = $1 where id in (select author_id from articles limit 1)`, [BYLINE_NAMES[0]]);
    for (let from = 0; from < total; from += batch) {
      await client.query(
        `with picked as (
           select id, row_number() over (order by id) - 1 as n from articles order by id offset $3 limit $4
         ), text as (
           select p.id,
             (select initcap(string_agg(($1::text[])[61 + floor(300 * power(random(), 1.3) + g * 0)::int], ' '))
                from generate_series(1, 6 + (p.n % 5)::int) g where p.id is not null) as headline,
             (select string_agg(($1::text[])[1 + floor(cardinality($1::text[]) * power(random(), 1.8) + g * 0)::int], ' ') || '.'
                from generate_series(1, 25) g where p.id is not null) as lead,
             (select '<p>' || string_agg(($1::text[])[1 + floor(cardinality($1::text[]) * power(random(), 2.2) + g * 0)::int]
                  || case when g % 40 = 0 then '.</p><p>' else '' end, ' ') || '.</p>'
                from generate_series(1, 320) g where p.id is not null) as body,
             (select array_agg(distinct ($2::text[])[1 + floor(cardinality($2::text[]) * power(random(), 2.5) + g * 0)::int])
                from generate_series(1, 1 + (p.n % 3)::int) g where p.id is not null) as tags
           from picked p
         )
         update articles a set headline = left(t.headline, 200), lead = t.lead, body = t.body, tags = t.tags
           from text t where a.id = t.id`,
        [words, tags, from, batch],
      );
    }
  } finally {
    for (const index of indexes) await client.query(index.indexdef);
    await client.query('alter table articles enable trigger articles_related');
  }
  await client.query('analyze articles');
  await client.query('analyze search_lexicon');
}
