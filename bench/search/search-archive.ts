import { Client } from 'pg';
import { BYLINE_NAMES } from './indonesian-words';
import { archiveVocabulary, seededRandom } from './vocabulary';

/** Tags: single words and two-word topics from the vocabulary's content words, a few of them very common. */
export const TAG_COUNT = 2_000;
/** The function words at the head of the vocabulary (yang, dan, di, ...): headlines and tags skip them. */
const FUNCTION_WORDS = 60;
const BODY_WORDS = 320;
const LEAD_WORDS = 25;

/** A rank in 0..n-1 with probability ~1/(rank+1): Zipf's law with exponent 1 (a log-uniform draw). */
function zipf(next: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(Math.exp(next() * Math.log(n + 1))) - 1);
}

/**
 * Gives loadArchive's articles Indonesian copy: headlines of 6..10 words, a
 * lead of 25, a body of 320 in paragraphs of 40, 1..3 tags, every word drawn
 * by Zipf's law from a vocabulary of 60,000 (archiveVocabulary), and bylines
 * of ten reporters. Written in batches (one UPDATE from arrays each), the
 * search document and the lexicon kept by PostgreSQL as for any change.
 *
 * Related stories are worked out when a page is rendered, so a bulk load
 * has nothing to skip.
 */
export async function giveArticlesIndonesianText(client: Client, options: { batch?: number; log?: (line: string) => void } = {}): Promise<string[]> {
  const batch = options.batch ?? 2_000;
  const words = archiveVocabulary();
  const content = words.slice(FUNCTION_WORDS);
  // deterministic: two loads of the same size write the same archive
  const next = seededRandom(2026);
  const tags = Array.from({ length: TAG_COUNT }, (_, i) => (i % 3 === 0 ? content[i] : `${content[i]} ${content[(i * 7 + 300) % 3000]}`));
  const sentence = (count: number, from: readonly string[]) => Array.from({ length: count }, () => from[zipf(next, from.length)]);
  const { rows: ids } = await client.query<{ id: string }>('select id from articles order by id');
  // the full-text and tag indexes are built once afterwards, from their own definitions, rather than updated row by row
  const { rows: indexes } = await client.query<{ indexdef: string; indexname: string }>(
    `select indexname, indexdef from pg_indexes where tablename = 'articles' and indexname in ('articles_search_idx', 'articles_tag_slugs_published_idx', 'articles_headline_document_published_idx')`,
  );
  for (const index of indexes) await client.query(`drop index "${index.indexname}"`);
  try {
    // bylines: one author loaded; their name is a reporter's
    await client.query(`update users set name = $1 where id in (select author_id from articles limit 1)`, [BYLINE_NAMES[0]]);
    for (let from = 0; from < ids.length; from += batch) {
      const part = ids.slice(from, from + batch);
      const headlines: string[] = [];
      const leads: string[] = [];
      const bodies: string[] = [];
      const tagLists: string[] = [];
      part.forEach((_, i) => {
        const headline = sentence(6 + ((from + i) % 5), content).join(' ');
        headlines.push((headline.charAt(0).toUpperCase() + headline.slice(1)).slice(0, 200));
        leads.push(`${sentence(LEAD_WORDS, words).join(' ')}.`);
        const body = sentence(BODY_WORDS, words);
        const paragraphs: string[] = [];
        for (let p = 0; p < body.length; p += 40) paragraphs.push(`<p>${body.slice(p, p + 40).join(' ')}.</p>`);
        bodies.push(paragraphs.join(''));
        const chosen = new Set(Array.from({ length: 1 + ((from + i) % 3) }, () => tags[zipf(next, tags.length)]));
        tagLists.push(JSON.stringify([...chosen]));
      });
      await client.query(
        `update articles a set headline = t.headline, lead = t.lead, body = t.body,
                tags = array(select jsonb_array_elements_text(t.tags::jsonb))
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) as t(id, headline, lead, body, tags)
          where a.id = t.id`,
        [part.map((r) => r.id), headlines, leads, bodies, tagLists],
      );
      options.log?.(`text for ${Math.min(from + batch, ids.length)} of ${ids.length} articles`);
    }
  } finally {
    for (const index of indexes) await client.query(index.indexdef);
  }
  await client.query('analyze articles');
  await client.query('analyze search_lexicon');
  return words;
}
