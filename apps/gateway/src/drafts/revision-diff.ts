import { diffWords } from 'diff';
import { bodyText } from '@newsroom/domain';

/** The content of one version, as a revision stores it. */
export interface VersionContent {
  headline: string;
  lead: string | null;
  body: string;
  rubric: string;
  image: { url: string; caption: string; credit: string } | null;
  tags: string[];
  priority: string;
  embargoUntil: string | null;
  /** staff authors in byline order */
  authors: { id: string; name: string }[];
  guestBylines: string[];
}

export interface WordChange {
  value: string;
  added?: true;
  removed?: true;
}

export interface FieldChange {
  field: keyof VersionContent;
  from: unknown;
  to: unknown;
  /** body only: the word-level diff of its text */
  words?: WordChange[];
}

const FIELDS: readonly (keyof VersionContent)[] = ['headline', 'lead', 'body', 'rubric', 'image', 'tags', 'priority', 'embargoUntil', 'authors', 'guestBylines'];

/**
 * What changed from `from` to `to`, field by field; unchanged fields are left
 * out. The body's word diff runs on its text rather than its HTML: editors read
 * words, and tags as tokens would drown them. A change of markup alone still
 * lists the body (its HTML differs) with words that are all unchanged.
 */
export function diffContent(from: VersionContent, to: VersionContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    if (JSON.stringify(from[field]) === JSON.stringify(to[field])) continue;
    const change: FieldChange = { field, from: from[field], to: to[field] };
    if (field === 'body') change.words = diffBodyWords(from.body, to.body);
    changes.push(change);
  }
  return changes;
}

export function diffBodyWords(fromHtml: string, toHtml: string): WordChange[] {
  return diffWords(bodyText(fromHtml), bodyText(toHtml)).map((part) => ({
    value: part.value,
    ...(part.added ? { added: true as const } : {}),
    ...(part.removed ? { removed: true as const } : {}),
  }));
}
