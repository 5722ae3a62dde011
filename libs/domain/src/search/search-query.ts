import { invalid } from '../errors';

/** What a reader may type: 1..200 characters (API v1.2). */
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Terms beyond these are ignored: a longer query adds cost, not precision. */
const MAX_TERMS = 12;
/** Words this long or longer are forgiven one typo (API v1.2). */
export const TYPO_MIN_LETTERS = 5;

/** One term of a query: a word, or a quoted phrase of words in order. */
export interface SearchTerm {
  words: string[];
  phrase: boolean;
}

/** A query as the search understands it: terms every match has, and terms none has (`-word`, `-"a phrase"`). */
export interface SearchQuery {
  include: SearchTerm[];
  exclude: SearchTerm[];
}

/**
 * Reads a search box's text. Only letters and digits make words: every other
 * character (tsquery's `& | ! : * ( ) '`, markup, control characters, odd
 * bytes) separates them, so nothing typed reaches the database as syntax.
 * `"..."` is a phrase (an unclosed quote runs to the end), a leading `-`
 * excludes a word or phrase. Out-of-range length is a 400.
 */
export function parseSearchQuery(q: string): SearchQuery {
  if (q.length > SEARCH_QUERY_MAX_LENGTH) throw invalid('SEARCH.QUERY_TOO_LONG', `q must be at most ${SEARCH_QUERY_MAX_LENGTH} characters`);
  if (q.trim().length === 0) throw invalid('SEARCH.QUERY_EMPTY', 'q must not be empty');
  const query: SearchQuery = { include: [], exclude: [] };
  // a term: optional minus, then a quoted phrase (closed or running to the end) or a run of non-space characters
  const TERM = /(-?)(?:"([^"]*)"?|([^\s"]+))/g;
  for (const [, minus, phrase, bare] of q.normalize('NFC').matchAll(TERM)) {
    if (query.include.length + query.exclude.length >= MAX_TERMS) break;
    const words = wordsOf(phrase ?? bare);
    if (words.length === 0) continue;
    const term: SearchTerm = phrase !== undefined ? { words, phrase: words.length > 1 } : { words, phrase: false };
    // `pakta-pertahanan` typed bare is several words, each required
    const terms = term.phrase || words.length === 1 ? [term] : words.map((w) => ({ words: [w], phrase: false }));
    (minus ? query.exclude : query.include).push(...terms);
  }
  query.include = query.include.slice(0, MAX_TERMS);
  return query;
}

/** Lower-case words of letters and digits (any script), at most 40 characters each. */
function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.slice(0, 40));
}

/** The words that may be mistyped: single words of TYPO_MIN_LETTERS or more letters. */
export function typoCandidates(query: SearchQuery): string[] {
  const words = query.include.filter((t) => !t.phrase).map((t) => t.words[0]);
  return [...new Set(words.filter((w) => w.length >= TYPO_MIN_LETTERS && /^\p{L}+$/u.test(w)))];
}

/** What the typo lexicon holds (search_lexicon, Migration20261212090000): words of 5..32 letters a-z. */
const LEXICON_WORD = /^[a-z]{5,32}$/;
const LEXICON_LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Every spelling one letter added, dropped or changed away from `word` that
 * the typo lexicon could hold: the lexicon is then asked for exactly these,
 * by its primary key. (A nearest-neighbour walk of its trigram index took
 * 10-15 ms a word at 58,485 words, and could return nearer-by-trigram words
 * that were not one letter away, crowding out one that was.) ~550 spellings
 * for a word of ten letters.
 */
export function typoVariants(word: string): string[] {
  const variants = new Set<string>();
  const add = (candidate: string) => {
    if (candidate !== word && LEXICON_WORD.test(candidate)) variants.add(candidate);
  };
  for (let i = 0; i <= word.length; i++) {
    const before = word.slice(0, i);
    for (const letter of LEXICON_LETTERS) add(before + letter + word.slice(i));
    if (i < word.length) {
      add(before + word.slice(i + 1));
      for (const letter of LEXICON_LETTERS) add(before + letter + word.slice(i + 1));
    }
  }
  return [...variants];
}
