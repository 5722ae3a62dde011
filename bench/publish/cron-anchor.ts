/** A once-a-minute poller ticks at every whole minute (cron's `* * * * *`). */
const CRON_PERIOD_MS = 60_000;

/**
 * What a cron-style poller (the way Wagtail's `publish_scheduled` and Drupal's
 * scheduler are deployed) would have made of the same due times: an article
 * goes live at the first tick at or after its slot. Computed, not run: the
 * tick's own query time is left out, which only flatters the poller.
 */
export function cronLateness(slotMs: number, periodMs = CRON_PERIOD_MS): number {
  return Math.ceil(slotMs / periodMs) * periodMs - slotMs;
}
