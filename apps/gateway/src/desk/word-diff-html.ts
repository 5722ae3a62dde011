/** One word-level change of a body diff, as the API gives it. */
export interface WordChange {
  value: string;
  added?: boolean;
  removed?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** The body diff as HTML: added words in <ins>, removed in <del>, every word escaped. */
export function wordDiffHtml(words: WordChange[]): string {
  return words
    .map((w) => {
      const text = escapeHtml(w.value);
      if (w.added) return `<ins>${text}</ins>`;
      if (w.removed) return `<del>${text}</del>`;
      return text;
    })
    .join('');
}
