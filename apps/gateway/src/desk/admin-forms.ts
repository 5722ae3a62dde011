import type { FastifyReply } from 'fastify';
import { STRINGS } from '@newsroom/html';
import { apiMessage, ApiAnswer } from './staff-api.service';

/**
 * A group of checkboxes as the browser posts it (application/x-www-form-urlencoded):
 * nothing when none is ticked, a string for one, a list for several.
 */
export function checkedValues(posted: string | string[] | undefined): string[] {
  if (posted === undefined) return [];
  return Array.isArray(posted) ? posted : [posted];
}

export interface Checkbox {
  value: string;
  label: string;
  checked: boolean;
}

/** The choices of a checkbox group with their Indonesian labels, ticked as the form last had them. */
export function checkboxes(values: readonly string[], labels: Record<string, string>, checked: string[]): Checkbox[] {
  return values.map((value) => ({ value, label: labels[value] ?? value, checked: checked.includes(value) }));
}

/**
 * What an admin form shows when the API refuses it, in Indonesian (the API
 * speaks English): a known error code in the desk's words; a validation error
 * (400, class-validator's messages start with the field, or "each value in
 * <field>") as one sentence per field; anything else with the API's own message.
 */
export function deskError(answer: ApiAnswer): string {
  const code = (answer.body as { code?: string } | undefined)?.code;
  if (code && STRINGS.errorCodes[code]) return STRINGS.errorCodes[code];
  const message = (answer.body as { message?: string | string[] } | undefined)?.message;
  if (answer.status === 400 && message !== undefined) {
    const messages = Array.isArray(message) ? message : [message];
    const fields = [...new Set(messages.map((m) => /^(?:each value in )?(\w+)\b/.exec(m)?.[1] ?? ''))];
    if (fields.every((f) => STRINGS.invalidFields[f])) return fields.map((f) => STRINGS.invalidFields[f]).join(' ');
    return `${STRINGS.invalidInput}: ${apiMessage(answer)}`;
  }
  return `${STRINGS.actionFailed}: ${apiMessage(answer)}`;
}

/** Trimmed text of a form field (the API refuses what is then empty). */
export function text(value: string | undefined): string {
  return (value ?? '').trim();
}

/** What a list page says above its form: a success after a redirect, or why the form was refused. */
export interface PageMessages {
  notice?: string;
  error?: string;
}

/**
 * How an admin form's POST ends: a 303 to `next` when the API answered
 * `expected` (so a reload does not post again); otherwise the page again with
 * the refusal in Indonesian and the API's own 4xx status.
 */
export async function formOutcome(
  reply: FastifyReply,
  answer: ApiAnswer,
  expected: number,
  next: string,
  showAgain: (messages: PageMessages, status: number) => Promise<void>,
): Promise<void> {
  if (answer.status !== expected) return showAgain({ error: deskError(answer) }, answer.status);
  await reply.redirect(next, 303);
}
