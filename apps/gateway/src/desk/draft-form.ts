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
  version?: string;
}

/** The form as the API's draft fields: empty optional fields are "none", tags are comma separated. */
export function draftFields(form: DraftForm): Record<string, unknown> {
  const text = (value: string | undefined) => (value ?? '').trim();
  return {
    headline: text(form.headline),
    lead: text(form.lead) || null,
    body: form.body ?? '',
    rubric: text(form.rubric),
    image: text(form.imageUrl) ? { url: text(form.imageUrl), caption: text(form.imageCaption), credit: text(form.imageCredit) } : null,
    priority: text(form.priority) || 'normal',
    embargoUntil: text(form.embargoUntil) || null,
    tags: text(form.tags)
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
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
  version: number;
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
    version: String(article.version),
  };
}
