import { authoredBySql } from '../article/article-authors';
import { RememberedCorrections } from './remembered-corrections';
import { encodeSearchCursor, MATCH_END, MATCH_START, parseSearchCursor, SearchPosition, SearchQuery, SearchTerm, snippetHtml, typoCandidates, typoVariants } from '@newsroom/domain';

/** Runs read-only SQL under the search's statement timeout (see BoundedReads). */
export type BoundedRun = <T>(steps: (query: <R>(sql: string, params: unknown[]) => Promise<R[]>) => Promise<T>) => Promise<T>;

/** What narrows a search beside its words. */
export interface SearchFilters {
  /** the public search: published articles only, newer first among equal matches by publishedAt */
  publishedOnly: boolean;
  status?: string;
  rubricSlug?: string;
  tagSlug?: string;
  /** published at or after / before (public) */
  from?: Date;
  to?: Date;
  authorId?: string;
  /** a reporter's search: only what they may see in GET /drafts (the articles they write or co-write) */
  visibleToAuthorId?: string;
  /** how many of the newest matches are ranked (NEWSROOM_SEARCH_RANK_WINDOW) */
  rankWindow: number;
}

export interface SearchHit {
  id: string;
  slug: string;
  headline: string;
  lead: string | null;
  status: string;
  rubricSlug: string;
  rubricName: string;
  byline: string;
  publishedAt: Date | null;
  updatedAt: Date;
  snippet: string;
}

/** The names in an article's `byline` column (one a line, newsroom_article_byline()), as the authors readers see. */
export function bylineNames(byline: string): string[] {
  return byline.split('\n').filter((name) => name !== '');
}

/** ts_headline's choice of passage: two fragments of 15..35 words. */
const SNIPPET_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
/** How much of the lead and body a snippet is looked for in first: two fragments of 35 words and more, or the lead and a paragraph or two. */
const SNIPPET_WINDOW_CHARS = 800;
/** How far before the first likely match that window starts. */
const SNIPPET_LEAD_IN_CHARS = 200;
/** Typo corrections this process has looked up (a typo asked again, for its next page or by another reader, costs no look-up). */
const remembered = new RememberedCorrections();
/** Corrections tried per word (the nearest by trigrams); more add cost, not finds. */
const CORRECTIONS_PER_WORD = 3;

/**
 * Full-text search over articles (the `indonesian` configuration, weighted
 * headline A, lead and tags B, body C, bylines D): matches in the headline,
 * lead, tags or bylines first, best (ts_rank) first and newer first among
 * equals; then matches in the body alone, newer first; paged by a cursor
 * bound to the query. A word of five letters or more that the archive does
 * not hold also matches the archive's words one typo away from it (looked
 * up in search_lexicon by its key). Every value reaches PostgreSQL as a
 * parameter of plainto_tsquery/phraseto_tsquery, never as tsquery syntax.
 */
export async function searchArticles(
  run: BoundedRun,
  query: SearchQuery,
  filters: SearchFilters,
  page: { limit: number; cursor?: string; fingerprint: string },
): Promise<{ hits: SearchHit[]; nextCursor: string | null }> {
  const after: SearchPosition | undefined = page.cursor === undefined ? undefined : parseSearchCursor(page.cursor, page.fingerprint);
  if (query.include.length === 0) return { hits: [], nextCursor: null };
  return run(async (sql) => {
    const corrections = await correctionsOf(sql, typoCandidates(query));
    const tsquery = tsqueryOf(query, corrections);
    const recency = filters.publishedOnly ? 'a.published_at' : 'a.updated_at';
    const filtersSql: Fragment[] = [frag(`numnode(`, tsquery.included, `) > 0`)];
    if (filters.publishedOnly) filtersSql.push(frag(`a.status = 'published'`));
    if (filters.status) filtersSql.push(frag(`a.status = ?`, [filters.status]));
    // a discarded revision is kept for its history only: the staff API shows it nowhere
    else if (!filters.publishedOnly) filtersSql.push(frag(`a.status <> 'discarded'`));
    if (filters.rubricSlug) filtersSql.push(frag(`a.rubric_id = (select id from rubrics where slug = ?)`, [filters.rubricSlug]));
    if (filters.tagSlug) filtersSql.push(frag(`a.tag_slugs @> array[?]::text[]`, [filters.tagSlug]));
    if (filters.from) filtersSql.push(frag(`a.published_at >= ?`, [filters.from]));
    if (filters.to) filtersSql.push(frag(`a.published_at < ?`, [filters.to]));
    if (filters.authorId) filtersSql.push(frag(authoredBySql('a'), [filters.authorId, filters.authorId]));
    if (filters.visibleToAuthorId) filtersSql.push(frag(authoredBySql('a'), [filters.visibleToAuthorId, filters.visibleToAuthorId]));
    /*
     * Two kinds of match, in this order (one ordering, so one cursor pages through both):
     * 1. in the summary (headline, lead, tags, bylines: search_summary, a few
     *    hundred bytes kept in the row): of the newest `rankWindow` articles
     *    whose summary has the words, those it matches as asked (phrases in
     *    order, excluded words absent from the whole document), ranked by
     *    ts_rank on the summary, as 1 + rank;
     * 2. in the document (search_document) but not among the first kind:
     *    rank 0, newest first, read only when a page runs past the first kind.
     * Ranking on the whole document would decompress a ~4 KB document per
     * match (a common word: a thousand of them a search). The window is taken
     * on the words alone because a phrase's positions, or an excluded word's
     * absence from the body, are checked row by row: a phrase of two common
     * words walked 21,000 summaries for its newest 500 (45 ms at 100k); now
     * the window's 500 are checked, the rest wait in the second kind, found
     * all the same. The planner sees the tsquery, so it walks the newest-first
     * index for a common word and a GIN index for a rare one.
     */
    const windowWhere = [frag(`a.search_summary @@ `, tsquery.loose), ...filtersSql];
    const documentCheck = query.exclude.length > 0 ? frag(` and exists (select 1 from articles d where d.id = w.id and d.search_document @@ `, tsquery.whole, `)`) : frag('');
    const bodyWhere = [frag(`a.search_document @@ `, tsquery.whole), ...filtersSql];
    const inSummaryKind = after !== undefined && Number(after.rank) > 0;
    const afterRecency = after ? frag(`timestamptz 'epoch' + ?::bigint * interval '1 microsecond'`, [after.micros]) : undefined;
    const summaryAfter = !after
      ? frag('true')
      : inSummaryKind
        ? frag(`(m.rank, m.recency, m.id) < (?::real, `, [after.rank], afterRecency!, `, ?::uuid)`, [after.id])
        : frag('false');
    const bodyAfter = after && !inSummaryKind ? frag(` and (${recency}, a.id) < (`, afterRecency!, `, ?::uuid)`, [after.id]) : frag('');
    /*
     * The snippet: ts_headline over the stored text (search_text: the lead and
     * the body's text), which parses and stems every word it is given: ~0.2 ms
     * for a body of 300 words, most of a search's time for a page of 20. So
     * it is given a window of SNIPPET_WINDOW_CHARS around where a match
     * probably is: the first place the text holds a query word's stem (less
     * its first letter, which a prefix may change: memukul, pukul), or the
     * beginning. Only a row whose window has no match while its lead or body
     * has one is read in full.
     */
    const snippetWords = query.include.flatMap((t) => (t.phrase ? t.words : (corrections.get(t.words[0]) ?? [t.words[0]])));
    const windowStart = `case when loc.at > ${SNIPPET_LEAD_IN_CHARS} then loc.at - ${SNIPPET_LEAD_IN_CHARS} else 1 end`;
    const window = `regexp_replace(regexp_replace(substr(a.search_text, ${windowStart}, ${SNIPPET_WINDOW_CHARS}),
                      case when loc.at > ${SNIPPET_LEAD_IN_CHARS} then '^\\S*\\s+' else '^$' end, ''),
                      case when length(a.search_text) >= ${windowStart} + ${SNIPPET_WINDOW_CHARS} then '\\S+$' else '^$' end, '')`;
    const headline = (text: string) =>
      frag(`ts_headline('indonesian'::regconfig, translate(${text}, '${MATCH_START}${MATCH_END}', ''), `, tsquery.anyTerm, `, '${SNIPPET_OPTIONS}')`);
    const statement = frag(
      `with summary_window as (
         select a.id, a.search_summary, ${recency} as recency
           from articles a
          where `, joinFragments(windowWhere, ' and '), `
          order by ${recency} desc, a.id desc
          limit ?`, [filters.rankWindow], `
       ), summary_matches as (
         select w.id, (1 + ts_rank(w.search_summary, `, tsquery.whole, `))::real as rank, w.recency
           from summary_window w
          where w.search_summary @@ `, tsquery.whole, documentCheck, `
       ), summary_page as (
         select m.id, m.rank, m.recency from summary_matches m
          where `, summaryAfter, `
          order by m.rank desc, m.recency desc, m.id desc
          limit ?`, [page.limit + 1], `
       ), body_page as (
         select a.id, 0::real as rank, ${recency} as recency
           from articles a
          where `, joinFragments(bodyWhere, ' and '), `
            and a.id <> all(array(select id from summary_matches))`, bodyAfter, `
          order by ${recency} desc, a.id desc
          limit (select ? - count(*) from summary_page)`, [page.limit + 1], `
       ), page as (
         -- numbered: the row past the limit only says there is a next page, and needs no snippet
         select p.*, row_number() over (order by p.rank desc, p.recency desc, p.id desc) as n
           from (select * from summary_page union all select * from body_page) p
       ), snippet_stems as (
         select array(select case when length(l) > 4 then substr(l, 2) else l end
                        from unnest(tsvector_to_array(to_tsvector('indonesian'::regconfig, ?))) l
                       where length(l) >= 3) as stems`, [snippetWords.join(' ')], `
       )
       select a.id, a.slug, a.headline, a.lead, a.status::text as status, r.slug as rubric_slug, r.name as rubric_name, a.byline,
              a.published_at, a.updated_at, page.rank::text as rank,
              (extract(epoch from page.recency) * 1000000)::bigint::text as micros,
              case when page.n > ?`, [page.limit], ` or strpos(s.marked, '${MATCH_START}') > 0 then s.marked
                   when ts_filter(a.search_document, '{b,c}') @@ `, tsquery.anyTerm, ` then `, headline('a.search_text'), `
                   else s.marked end as marked
         from page
         -- each page row's article by its key: a plain join let the planner, which cannot know the body
         -- kind's limit, expect thousands of rows and hash-join a scan of every article (140 ms at 100k)
         cross join lateral (select * from articles x where x.id = page.id limit 1) a
         -- offset 0: each worked out once a row (pulled up, they would be for each mention); lower() in the "C"
         -- collation folds ASCII alone, a byte loop (the database's folds every character through wide chars: 30 µs a body)
         cross join lateral (select coalesce((select min(nullif(strpos(t, stem), 0)) from lower(a.search_text collate "C") t, unnest((select stems from snippet_stems)) stem), 0) as at offset 0) loc
         cross join lateral (select case when page.n <= ?`, [page.limit], ` then `, headline(window), ` else '' end as marked offset 0) s
         join rubrics r on r.id = a.rubric_id
        order by page.rank desc, page.recency desc, a.id desc`,
    );
    const rows = await sql<SearchRow>(statement.text, statement.params);
    const more = rows.length > page.limit;
    const shown = rows.slice(0, page.limit);
    const last = shown.at(-1);
    return {
      hits: shown.map(hitOf),
      nextCursor: more && last ? encodeSearchCursor({ rank: last.rank, micros: last.micros, id: last.id }, page.fingerprint) : null,
    };
  });
}

interface SearchRow {
  id: string;
  slug: string;
  headline: string;
  lead: string | null;
  status: string;
  rubric_slug: string;
  rubric_name: string;
  byline: string;
  published_at: Date | null;
  updated_at: Date;
  rank: string;
  micros: string;
  marked: string;
}

function hitOf(row: SearchRow): SearchHit {
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    lead: row.lead,
    status: row.status,
    rubricSlug: row.rubric_slug,
    rubricName: row.rubric_name,
    byline: row.byline,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    updatedAt: new Date(row.updated_at),
    snippet: snippetHtml(row.marked),
  };
}

/**
 * For each word the archive does not hold, the archive's words one typo away
 * (typoVariants: every spelling one letter added, dropped or changed, looked
 * up by the lexicon's key), the nearest by trigram similarity first: one
 * query, ~550 key probes for a word of ten letters, ~1 ms; then remembered
 * a minute (RememberedCorrections).
 */
async function correctionsOf(sql: <R>(sql: string, params: unknown[]) => Promise<R[]>, words: string[]): Promise<Map<string, string[]>> {
  const corrections = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const word of words) {
    const known = remembered.get(word);
    if (known === undefined) unknown.push(word);
    else if (known.length > 0) corrections.set(word, known);
  }
  if (unknown.length === 0) return corrections;
  const typed: string[] = [];
  const spellings: string[] = [];
  for (const word of unknown) {
    // the word itself among them: a word the archive holds is not corrected
    for (const spelling of [word, ...typoVariants(word)]) typed.push(word), spellings.push(spelling);
  }
  const found = await sql<{ typed: string; word: string; similarity: number }>(
    // each spelling probes the lexicon's key (joined to the list, the planner hashed all of the lexicon: 9 ms)
    `select t.typed, l.word, similarity(l.word, t.typed) as similarity
       from unnest(?::text[], ?::text[]) as t(typed, spelling)
       cross join lateral (select e.word from search_lexicon e where e.word = t.spelling limit 1) l`,
    [pgTextArray(typed), pgTextArray(spellings)],
  );
  for (const word of unknown) {
    const held = found.some((row) => row.typed === word && row.word === word);
    const nearest = held
      ? []
      : found
          .filter((row) => row.typed === word)
          .sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1))
          .slice(0, CORRECTIONS_PER_WORD)
          .map((row) => row.word);
    remembered.set(word, nearest);
    if (nearest.length > 0) corrections.set(word, nearest);
  }
  return corrections;
}

/** A text[] literal of words of letters only (typoCandidates' and typoVariants'): nothing to escape. */
function pgTextArray(words: string[]): string {
  return `{${words.map((w) => `"${w}"`).join(',')}}`;
}

/** A piece of SQL with its `?` parameters, in order. */
interface Fragment {
  text: string;
  params: unknown[];
}

/** SQL from text, parameter lists (arrays) and other fragments, in the order given. */
function frag(...parts: (string | unknown[] | Fragment)[]): Fragment {
  const out: Fragment = { text: '', params: [] };
  for (const part of parts) {
    if (typeof part === 'string') out.text += part;
    else if (Array.isArray(part)) out.params.push(...part);
    else (out.text += part.text), out.params.push(...part.params);
  }
  return out;
}

function joinFragments(fragments: Fragment[], separator: string): Fragment {
  return frag(...fragments.flatMap((f, i) => (i === 0 ? [f] : [separator, f])));
}

/**
 * The tsquery: `included` (what a match must have), `loose` (its words, a
 * phrase's in any order) and `whole` (`included`, and none of the excluded
 * terms). Words go through plainto_tsquery and phrases through
 * phraseto_tsquery, so stopwords drop out and no typed character is ever
 * read as tsquery syntax.
 */
function tsqueryOf(query: SearchQuery, corrections: Map<string, string[]>): { included: Fragment; loose: Fragment; whole: Fragment; anyTerm: Fragment } {
  const termSql = (term: SearchTerm, inOrder = true): Fragment => {
    if (term.phrase) return frag(`${inOrder ? 'phraseto_tsquery' : 'plainto_tsquery'}('indonesian'::regconfig, ?)`, [term.words.join(' ')]);
    const spellings = [term.words[0], ...(corrections.get(term.words[0]) ?? [])];
    return frag('(', spellings.map(() => `plainto_tsquery('indonesian'::regconfig, ?)`).join(' || '), spellings, ')');
  };
  const included = frag('(', joinFragments(query.include.map((t) => termSql(t)), ' && '), ')');
  // the included words, a phrase's in any order: the index finds these, positions are checked on the rows it finds
  const loose = frag('(', joinFragments(query.include.map((t) => termSql(t, false)), ' && '), ')');
  // for the snippet: a passage holding any one of the words. With all of them required, a word found only in the
  // headline leaves the lead and body without a passage that has all, and ts_headline then shows their first words, unmarked
  const anyTerm = frag('(', joinFragments(query.include.map((t) => termSql(t)), ' || '), ')');
  if (query.exclude.length === 0) return { included, loose, whole: included, anyTerm };
  return { included, loose, whole: frag('(', included, ' && !! (', joinFragments(query.exclude.map((t) => termSql(t)), ' || '), '))'), anyTerm };
}
