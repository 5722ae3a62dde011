import sanitizeHtml from 'sanitize-html';
import { invalid } from '../errors';

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

/** How deep elements may nest in a body: far past any article's markup (a list in a quote in a figure is 4). */
export const MAX_BODY_NESTING = 64;

/**
 * sanitize-html with the nesting bounded. Its parser (htmlparser2) costs time
 * quadratic in the depth of open elements: a 2 MB body of `<b>` kept a
 * gateway busy for minutes. The count follows the parser's own open and close
 * events (implied closes included) and stops it at the 65th level, so a
 * refused body costs what its first 65 tags cost.
 */
function sanitizeBounded(html: string, options: sanitizeHtml.IOptions): string {
  let depth = 0;
  return sanitizeHtml(html, {
    ...options,
    onOpenTag: () => {
      if (++depth > MAX_BODY_NESTING) throw invalid('ARTICLE.BODY_TOO_DEEP', `the body's HTML nests elements deeper than ${MAX_BODY_NESTING} levels`);
    },
    onCloseTag: () => {
      depth--;
    },
  });
}

export function sanitizeBody(html: string): string {
  return sanitizeBounded(html, BODY_POLICY).trim();
}

/** Plain text of a body, for word counts and descriptions. */
export function bodyText(html: string): string {
  // Block boundaries separate words even where the markup has no space between them.
  const spaced = html.replace(/<\/(p|li|h[1-6]|blockquote|figcaption|div)>|<br\s*\/?>/gi, (tag) => `${tag} `);
  return sanitizeBounded(spaced, { allowedTags: [], allowedAttributes: {} })
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
