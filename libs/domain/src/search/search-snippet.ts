/**
 * Where PostgreSQL's ts_headline marks a match: two private-use characters,
 * removed from the text beforehand, so whatever the article says cannot fake
 * them. The snippet is escaped first and the marks become <mark> after.
 */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A ts_headline passage as HTML: the text escaped, the matches in <mark>, and no mark left open. */
export function snippetHtml(marked: string): string {
  let open = false;
  let html = '';
  for (const part of escapeHtml(marked).split(/([\uE000\uE001])/)) {
    if (part === MATCH_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MATCH_END) {
      if (open) html += '</mark>';
      open = false;
    } else html += part;
  }
  return open ? `${html}</mark>` : html;
}
