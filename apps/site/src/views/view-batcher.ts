import { BeforeApplicationShutdown } from '@nestjs/common';
import { CountViewsPayload, PAYLOAD_SCHEMA_VERSION, PageView } from '@newsroom/contracts';
import { randomUUID } from 'node:crypto';

export interface BatchLimits {
  /** a batch is sent as soon as it holds this many views */
  maxViews: number;
  /** ... or this long after its first view (0: at the end of the current turn of the event loop) */
  maxWaitMs: number;
  /**
   * ... but not while this many batches are still being queued: views go on
   * collecting meanwhile and leave together once one returns (full batches
   * always leave at once). Under load, batches grow with the queue's round trip
   * instead of every request waiting out a fixed timer.
   */
  maxInFlight?: number;
}

/**
 * Up to four batches on their way at once. With one, the site's event loop
 * sat idle whenever every waiting request was in the batch out at Redis, and
 * POST /views reached 0.44-0.48x the bare server; with four, 0.55-0.61x, at a
 * lower CPU per view too (bench:views' probe, alternated in one session:
 * docs/benchmarks/views.md). Batches are smaller for it, and counting does
 * not depend on their order.
 */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxViews: 200, maxWaitMs: 0, maxInFlight: 4 };

interface OpenBatch {
  views: PageView[];
  sent: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for view beacons: views from many concurrent requests are sent
 * on as one batch (counted at once, or queued as one CountViews job: ViewLanes),
 * and each request's promise settles only once the batch holding its views was.
 * So a 202 means the view is in Redis and a site crash loses nothing it
 * acknowledged, while Redis sees a batch per turn of the event loop (at most
 * maxInFlight of them at once) instead of one per view.
 *
 * The buffer is only ever a few milliseconds of views that no one has been
 * answered for yet: nothing replicas would need to agree on.
 */
export class ViewBatcher implements BeforeApplicationShutdown {
  private open: OpenBatch | null = null;
  /** cancels the open batch's wait (a timeout, or an immediate for maxWaitMs 0) */
  private cancelTimer: (() => void) | null = null;
  /** the wait of the open batch is over; it leaves as soon as a send returns */
  private due = false;
  private inFlight = 0;

  constructor(
    private readonly send: (batch: CountViewsPayload) => Promise<void>,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  ) {}

  /** Resolves once every given view is in a queued batch; rejects if its batch could not be queued. */
  add(views: PageView[]): Promise<void> {
    if (views.length === 1) {
      // the common case (one beacon), without a Set and Promise.all per request
      const batch = this.push(views[0]);
      this.startWait();
      return batch.sent;
    }
    const batches = new Set<Promise<void>>();
    for (const view of views) batches.add(this.push(view).sent);
    this.startWait();
    return Promise.all(batches).then(() => undefined);
  }

  /** Sends what is pending now (shutdown: requests still waiting get their answer). */
  async flush(): Promise<void> {
    const sent = this.open?.sent;
    this.dispatch();
    await sent?.catch(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private push(view: PageView): OpenBatch {
    const batch = (this.open ??= this.openBatch());
    batch.views.push(view);
    if (batch.views.length >= this.limits.maxViews) this.dispatch();
    return batch;
  }

  private startWait(): void {
    if (!this.open || this.cancelTimer || this.due) return;
    const ready = () => {
      this.cancelTimer = null;
      if (this.inFlight < (this.limits.maxInFlight ?? Infinity)) this.dispatch();
      else this.due = true;
    };
    if (this.limits.maxWaitMs > 0) {
      const timeout = setTimeout(ready, this.limits.maxWaitMs);
      this.cancelTimer = () => clearTimeout(timeout);
    } else {
      const immediate = setImmediate(ready);
      this.cancelTimer = () => clearImmediate(immediate);
    }
  }

  private openBatch(): OpenBatch {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const sent = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { views: [], sent, resolve, reject };
  }

  private dispatch(): void {
    this.cancelWait();
    const batch = this.open;
    this.open = null;
    if (!batch || batch.views.length === 0) return;
    this.inFlight++;
    const settled = () => {
      this.inFlight--;
      if (this.due) this.dispatch();
    };
    this.send({ schema: PAYLOAD_SCHEMA_VERSION, batchId: randomUUID(), views: batch.views }).then(
      () => (settled(), batch.resolve()),
      (error: unknown) => (settled(), batch.reject(error)),
    );
  }

  private cancelWait(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.due = false;
  }
}
