/**
 * Server-Sent Events framing (the WHATWG event-stream format). A line break
 * inside a field would end it early, so the event name loses any, and every
 * line of the data gets its own `data:` field (the client joins them with \n).
 */
export function sseEvent(event: string, data: string): string {
  const name = event.replace(/[\r\n]/g, '');
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `event: ${name}\n${lines.join('')}\n`;
}

/** A comment line: ignored by EventSource, but keeps proxies from closing an idle stream. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, ' ')}\n\n`;
}
