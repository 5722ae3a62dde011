import type { FastifyReply } from 'fastify';
import { STRINGS } from '@newsroom/html';

export type FlashKey = keyof typeof STRINGS.flash;

/** Only paths are kept, so a redirect built from a form's value never leaves the gateway. */
const BASE = 'http://desk.invalid';

/**
 * The message a key in a redirect's query stands for, among `notices` only.
 * Anything else, text a link could carry or an inherited name like
 * `constructor` included, shows nothing: the desk never echoes what it was given.
 */
export function knownNotice(key: unknown, notices: Readonly<Record<string, string>>): string | undefined {
  return typeof key === 'string' && Object.hasOwn(notices, key) ? notices[key] : undefined;
}

/** The short message a `?ok=` key stands for (the toast after schedule, publish, ...). */
export function flashMessage(key: unknown): string | undefined {
  return knownNotice(key, STRINGS.flash);
}

/**
 * The page a form came from (its hidden `back` field), if it is one of the
 * desk's pages under `home`; otherwise `home` itself.
 */
export function deskBack(value: unknown, home: string): string {
  if (typeof value !== 'string') return home;
  const url = new URL(value, BASE);
  const ours = url.origin === BASE && (url.pathname === home || url.pathname.startsWith(`${home}/`));
  return ours ? `${url.pathname}${url.search}` : home;
}

/** The query of a desk path (a `back` value), to render that page again. */
export function backQuery(back: string): Record<string, string> {
  return Object.fromEntries(new URL(back, BASE).searchParams);
}

/** `back` with `ok=<key>`, replacing an earlier one. */
export function withFlash(back: string, key: FlashKey): string {
  const url = new URL(back, BASE);
  url.searchParams.set('ok', key);
  return `${url.pathname}${url.search}`;
}

/**
 * After a change that worked: back to the page it came from, saying what
 * happened (post, redirect, get). htmx follows the same redirect and swaps the
 * page's region and the toast from that answer, so both paths share it.
 */
export async function redirectWithFlash(reply: FastifyReply, back: string, key: FlashKey): Promise<void> {
  await reply.redirect(withFlash(back, key), 303);
}
