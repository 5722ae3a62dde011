/** ScheduledPublisher's line for each batch it commits: `published 500 scheduled article(s), the latest ...`. */
const BATCH_LINE = /published (\d+) scheduled article\(s\)/g;

/** How many articles a publisher process says it published, from its output (text or JSON logs, colours or not). */
export function publishedInLog(log: string): number {
  let total = 0;
  for (const match of log.matchAll(BATCH_LINE)) total += Number(match[1]);
  return total;
}
