/** The correction form's fields as the browser posts them (application/x-www-form-urlencoded). */
export interface CorrectionForm {
  version?: string;
  note?: string;
  headline?: string;
  lead?: string;
  body?: string;
}

/** Browsers send a textarea's line breaks as CRLF; the stored text has LF, so an untouched field stays unchanged. */
const lines = (value: string | undefined) => (value ?? '').replace(/\r\n?/g, '\n');

/**
 * The form as the API's correction: the version the form was filled from (a
 * stale one is a 409 and nothing changes), the note, and the fields that may
 * change. Fields sent unchanged change nothing: the API compares the content.
 */
export function correctionFields(form: CorrectionForm): Record<string, unknown> {
  return {
    version: Number(form.version),
    note: lines(form.note).trim(),
    headline: lines(form.headline).trim(),
    lead: lines(form.lead).trim() || null,
    body: lines(form.body),
  };
}

/** A published article as the correction form's values: the current version and content, an empty note. */
export function correctionValues(article: { version: number; headline: string; lead: string | null; body: string }): CorrectionForm {
  return { version: String(article.version), note: '', headline: article.headline, lead: article.lead ?? '', body: article.body };
}
