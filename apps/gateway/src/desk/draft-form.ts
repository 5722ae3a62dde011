import { localInputValue } from './calendar-days';

/** The draft editor's fields as the browser posts them (application/x-www-form-urlencoded). */
export interface DraftForm {
  headline?: string;
  lead?: string;
  body?: string;
  rubric?: string;
  imageUrl?: string;
  imageCaption?: string;
  imageCredit?: string;
  priority?: string;
  embargoUntil?: string;
  tags?: string;
  /** the ticked reporters, in the order the page lists them (one value or several) */
  authors?: string | string[];
  /** guest bylines, one a line */
  guestBylines?: string;
  version?: string;
  /** on a revision of a live article: that article's id (a hidden field, which only decides what the form sends) */
  revisionOf?: string;
}

/**
 * The form as the API's draft fields: empty optional fields are "none", tags
 * are comma separated, guest bylines one a line. No author ticked leaves the
 * staff byline as it is (a new draft: the creator alone). A revision of a live
 * article sends neither byline nor embargo: its byline is the live article's
 * (the API refuses a change, even to the same names) and the article is out.
 */
export function draftFields(form: DraftForm): Record<string, unknown> {
  const text = (value: string | undefined) => (value ?? '').trim();
  const authors = (Array.isArray(form.authors) ? form.authors : [form.authors ?? '']).map((id) => id.trim()).filter(Boolean);
  const content = {
    headline: text(form.headline),
    lead: text(form.lead) || null,
    body: form.body ?? '',
    rubric: text(form.rubric),
    image: text(form.imageUrl) ? { url: text(form.imageUrl), caption: text(form.imageCaption), credit: text(form.imageCredit) } : null,
    priority: text(form.priority) || 'normal',
    tags: text(form.tags)
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
  if (text(form.revisionOf)) return content;
  return {
    ...(authors.length > 0 ? { authors } : {}),
    guestBylines: (form.guestBylines ?? '')
      .split(/\r?\n/)
      .map((name) => name.trim())
      .filter(Boolean),
    ...content,
    embargoUntil: text(form.embargoUntil) || null,
  };
}

/**
 * The embargo as the reporter reads and types it: local newsroom time
 * `YYYY-MM-DD HH:mm` (the API reads that back in the same zone). Seconds
 * appear only when set, so saving the form never moves an embargo.
 */
export function embargoInputValue(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const at = new Date(iso);
  const [day, time] = localInputValue(at, timeZone).split('T');
  return time.endsWith(':00') ? `${day} ${time.slice(0, 5)}` : `${day} ${time}`;
}

/** An article from the API as the form's values, to fill the editor; times in the newsroom's zone. */
export function formValues(article: {
  headline: string;
  lead: string | null;
  body: string;
  rubric: { slug: string };
  image: { url: string; caption: string; credit: string } | null;
  priority: string;
  embargoUntil: string | null;
  tags: string[];
  authors: { id: string }[];
  guestBylines: string[];
  version: number;
  revisionOf?: string | null;
}, timeZone: string): DraftForm {
  return {
    headline: article.headline,
    lead: article.lead ?? '',
    body: article.body,
    rubric: article.rubric.slug,
    imageUrl: article.image?.url ?? '',
    imageCaption: article.image?.caption ?? '',
    imageCredit: article.image?.credit ?? '',
    priority: article.priority,
    embargoUntil: embargoInputValue(article.embargoUntil, timeZone),
    tags: article.tags.join(', '),
    authors: article.authors.map((a) => a.id),
    guestBylines: article.guestBylines.join('\n'),
    version: String(article.version),
    revisionOf: article.revisionOf ?? '',
  };
}

/**
 * The reporters to tick as authors: the byline's in its order first (ticked),
 * then everyone else by name, so the order the form posts is the byline's. A
 * new draft starts with the reporter writing it.
 */
export function authorChoices(reporters: { id: string; name: string }[], chosen: DraftForm['authors'], me: string | undefined): { value: string; label: string; checked: boolean }[] {
  const ids = chosen === undefined ? (me ? [me] : []) : Array.isArray(chosen) ? chosen : [chosen];
  const byId = new Map(reporters.map((r) => [r.id, r]));
  const first = ids.flatMap((id) => (byId.has(id) ? [{ value: id, label: byId.get(id)!.name, checked: true }] : []));
  const rest = reporters.filter((r) => !ids.includes(r.id)).map((r) => ({ value: r.id, label: r.name, checked: false }));
  return [...first, ...rest];
}
