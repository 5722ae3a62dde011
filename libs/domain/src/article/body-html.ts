import sanitizeHtml from 'sanitize-html';

/**
 * What an article body may contain: paragraphs, emphasis, links, lists, quotes,
 * sub-headings. No scripts, no event handlers, no `javascript:` links, no styles.
 * sanitize-html drops what is not on the list; we only choose the list.
 */
const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'figure', 'figcaption', 'cite', 'q', 'sub', 'sup'],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Links in a body leave the portal: never hand them the page (window.opener).
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, BODY_POLICY).trim();
}

/** Plain text of a body, for word counts and descriptions. */
export function bodyText(html: string): string {
  // Block boundaries separate words even where the markup has no space between them.
  const spaced = html.replace(/<\/(p|li|h[1-6]|blockquote|figcaption|div)>|<br\s*\/?>/gi, (tag) => `${tag} `);
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function wordCount(html: string): number {
  const text = bodyText(html);
  return text ? text.split(' ').length : 0;
}

/** Minutes to read at an unhurried 200 words a minute, never less than one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.ceil(words / 200));
}
