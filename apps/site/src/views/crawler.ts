import { isbot } from 'isbot';

/** User-Agents remembered; past that the memory starts over (a crawler flood with made-up agents cannot grow it). */
const REMEMBERED = 2000;
const verdicts = new Map<string, boolean>();

/**
 * isbot's verdict, remembered per User-Agent: its pattern is one large regular
 * expression, a noticeable cost per beacon, while a site's readers send a few
 * hundred distinct agents at most.
 */
export function isCrawler(userAgent: string): boolean {
  let verdict = verdicts.get(userAgent);
  if (verdict === undefined) {
    if (verdicts.size >= REMEMBERED) verdicts.clear();
    verdict = isbot(userAgent);
    verdicts.set(userAgent, verdict);
  }
  return verdict;
}
