import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** Colors only for a terminal: piped into a file or CI log, escape codes are noise. */
export const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

/**
 * Nest and MikroORM color their logs even into a pipe; NO_COLOR (which the
 * apps inherit) is the switch both honour.
 */
export function disableColorsUnlessTerminal(): void {
  if (!useColor) process.env.NO_COLOR = '1';
}

const APP_COLORS = [36, 35, 33, 32, 34]; // cyan, magenta, yellow, green, blue
const BOLD = 1; // the launcher's own lines: no red, which would read as an error
const LABEL_WIDTH = '[publisher]'.length;

/** `[drafts]   ` padded to one width, colored per app, so five interleaved logs stay readable. */
export function label(name: string, appIndex?: number): string {
  const text = `[${name}]`.padEnd(LABEL_WIDTH);
  const color = appIndex === undefined ? BOLD : APP_COLORS[appIndex % APP_COLORS.length];
  return useColor ? `\x1b[${color}m${text}\x1b[0m` : text;
}

/** Writes every line of `stream` to our stdout behind `prefix`. */
export function pipeLabelled(stream: Readable, prefix: string): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => process.stdout.write(`${prefix} ${line}\n`));
}

/** The launcher's own voice (or the demo's), labelled like the apps. */
export function say(message: string, who: 'start' | 'demo' = 'start'): void {
  process.stdout.write(`${label(who)} ${message}\n`);
}
