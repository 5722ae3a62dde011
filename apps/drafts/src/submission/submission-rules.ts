import { readingMinutes, sanitizeBody, wordCount } from '@newsroom/domain';

/** The parts of an article the submission check looks at and may tidy. */
export interface SubmissionContent {
  headline: string;
  lead: string | null;
  body: string;
  rubricSlug: string | null;
  image: { url: string; caption: string; credit: string } | null;
}

export const MIN_BODY_WORDS = 20;
export const MAX_HEADLINE_LENGTH = 200;

/** Runs of spaces and tabs (not &nbsp;, which a reporter may have put there on purpose). */
const SPACE_RUNS = /[ \t\r\n\f]+/g;
/** Paragraphs with nothing to read: whitespace, line breaks or non-breaking spaces only. */
const EMPTY_PARAGRAPH = /<p>(?:\s|&nbsp;|\u00a0|<br\s*\/?>)*<\/p>/g;
/** Block elements of the body policy; none of them may carry attributes, so their tags are literal. */
const BLOCK = 'p|ul|ol|li|blockquote|h2|h3|h4|figure|figcaption';
/** Whitespace no reader sees: just inside a block, and between a block and the next tag. */
const SPACE_INSIDE_BLOCK_START = new RegExp(`(<(?:${BLOCK})>)\\s+`, 'g');
const SPACE_INSIDE_BLOCK_END = new RegExp(`\\s+(<\\/(?:${BLOCK})>)`, 'g');
const SPACE_AFTER_BLOCK = new RegExp(`(<\\/(?:${BLOCK})>)\\s+(?=<)`, 'g');

function tidyLine(text: string): string {
  return text.replace(SPACE_RUNS, ' ').trim();
}

/**
 * Straight double quotes in pairs become typographic ones (“…”), as the portal
 * prints them. An unpaired quote is left alone rather than guessed at.
 */
export function curlQuotes(text: string): string {
  return text.replace(/"([^"]*)"/g, '“$1”');
}

/** Headline and lead as they should be printed. */
function tidyDisplayLine(text: string): string {
  return curlQuotes(tidyLine(text));
}

/**
 * The body as stored: sanitized again (the policy may have tightened since the
 * draft was saved), whitespace runs collapsed, empty paragraphs and the
 * whitespace around blocks dropped. Collapsing is safe because the policy allows no <pre>.
 */
export function normalizeBody(html: string): string {
  return sanitizeBody(html)
    .replace(SPACE_RUNS, ' ')
    .replace(EMPTY_PARAGRAPH, '')
    .replace(SPACE_INSIDE_BLOCK_START, '$1')
    .replace(SPACE_INSIDE_BLOCK_END, '$1')
    .replace(SPACE_AFTER_BLOCK, '$1')
    .trim();
}

/** The tidied content; equal to the input when there was nothing to tidy. */
export function normalizeSubmission(content: SubmissionContent): SubmissionContent {
  const lead = content.lead === null ? null : tidyDisplayLine(content.lead) || null;
  return {
    headline: tidyDisplayLine(content.headline),
    lead,
    body: normalizeBody(content.body),
    rubricSlug: content.rubricSlug,
    image: content.image ? { url: content.image.url.trim(), caption: tidyLine(content.image.caption), credit: tidyLine(content.image.credit) } : null,
  };
}

/** Why the content cannot go to review yet, in words the reporter can act on; empty when it can. */
export function completenessProblems(content: SubmissionContent): string[] {
  const problems: string[] = [];
  if (!content.headline) problems.push('the headline is empty');
  if (content.headline.length > MAX_HEADLINE_LENGTH) {
    problems.push(`the headline has ${content.headline.length} characters; at most ${MAX_HEADLINE_LENGTH} are allowed`);
  }
  if (!content.rubricSlug) problems.push('the article has no rubric');
  const words = wordCount(content.body);
  if (words < MIN_BODY_WORDS) problems.push(`the body has ${words} words; at least ${MIN_BODY_WORDS} are needed`);
  if (content.image?.url) {
    if (!content.image.caption) problems.push('the image needs a caption');
    if (!content.image.credit) problems.push('the image needs a credit');
  }
  return problems;
}

export interface BodyStats {
  wordCount: number;
  readingMinutes: number;
}

export function bodyStats(html: string): BodyStats {
  const words = wordCount(html);
  return { wordCount: words, readingMinutes: readingMinutes(words) };
}
