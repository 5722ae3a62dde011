import { INDONESIAN_WORDS } from './indonesian-words';

/** How many distinct words the archive's copy draws from: a year of a news desk's vocabulary, roughly. */
export const VOCABULARY_SIZE = 60_000;

/** Affixes Indonesian news copy puts around a root, as the stemmer meets them. */
const PREFIXES = ['me', 'mem', 'men', 'meng', 'di', 'ber', 'ter', 'pe', 'pem', 'pen', 'per', 'ke', 'se'];
const SUFFIXES = ['', 'kan', 'an', 'i', 'nya', 'lah'];
const ONSETS = ['b', 'c', 'd', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'w', 'y', 'ng', 'ny', 'kr', 'tr', 'pr', 'st'];
const VOWELS = ['a', 'a', 'a', 'i', 'i', 'u', 'u', 'e', 'o'];
const CODAS = ['', '', '', 'n', 'ng', 'r', 'k', 't', 'l', 's', 'h', 'm'];

/** A small deterministic generator (mulberry32): the same vocabulary on every run, so archives and query sets agree. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The archive's vocabulary, commonest first: the hand-written words of
 * Indonesian news (function words, then everyday news vocabulary), then
 * their roots' affixed forms (me-...-kan, di-...-i, pe-...-an: what the
 * stemmer folds), then made-up roots of Indonesian syllable shapes and their
 * forms, up to VOCABULARY_SIZE. Drawn with Zipf's law (rank r with
 * probability ~1/r), as words are in real text: a few hundred in most
 * articles, tens of thousands in a handful each.
 */
export function archiveVocabulary(size = VOCABULARY_SIZE): string[] {
  const next = seededRandom(18);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const words: string[] = [];
  const seen = new Set<string>();
  const add = (word: string) => {
    if (word.length >= 2 && word.length <= 24 && /^[a-z]+$/.test(word) && !seen.has(word)) {
      seen.add(word);
      words.push(word);
    }
  };
  INDONESIAN_WORDS.forEach(add);
  const roots = INDONESIAN_WORDS.filter((w) => w.length >= 4 && w.length <= 7);
  for (const root of roots) for (let k = 0; k < 3; k++) add(`${pick(PREFIXES)}${root}${pick(SUFFIXES)}`);
  while (words.length < size) {
    const syllables = 2 + Math.floor(next() * 3);
    let root = '';
    for (let s = 0; s < syllables; s++) root += pick(ONSETS) + pick(VOWELS) + (s === syllables - 1 ? pick(CODAS) : '');
    add(root);
    if (next() < 0.5) add(`${pick(PREFIXES)}${root}${pick(SUFFIXES)}`);
  }
  return words.slice(0, size);
}
