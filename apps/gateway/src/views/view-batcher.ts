import { BeforeApplicationShutdown } from '@nestjs/common';
import { CountViewsPayload, PAYLOAD_SCHEMA_VERSION, PageView } from '@newsroom/contracts';
import { randomUUID } from 'node:crypto';

export interface BatchLimits {
  /** a batch is sent as soon as it holds this many views */
  maxViews: number;
  /** ... or this long after its first view, whichever comes first */
  maxWaitMs: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxViews: 200, maxWaitMs: 5 };

interface OpenBatch {
  views: PageView[];
  sent: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for view beacons: views from many concurrent requests go to the
 * queue as one CountViews job, and each request's promise settles only once the
 * job holding its views was added. So a 202 means the view is in Redis and a
 * gateway crash loses nothing it acknowledged, while the queue sees a few
 * hundred jobs a second at most instead of one per view.
 *
 * The buffer is only ever a few milliseconds of views that no one has been
 * answered for yet: nothing replicas would need to agree on.
 */
export class ViewBatcher implements BeforeApplicationShutdown {
  private open: OpenBatch | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly send: (batch: CountViewsPayload) => Promise<void>,
    private readonly limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  ) {}

  /** Resolves once every given view is in a queued batch; rejects if its batch could not be queued. */
  add(views: PageView[]): Promise<void> {
    const batches = new Set<Promise<void>>();
    for (const view of views) {
      const batch = (this.open ??= this.openBatch());
      batch.views.push(view);
      batches.add(batch.sent);
      if (batch.views.length >= this.limits.maxViews) this.dispatch();
    }
    if (this.open && !this.timer) this.timer = setTimeout(() => this.dispatch(), this.limits.maxWaitMs);
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
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.open;
    this.open = null;
    if (!batch || batch.views.length === 0) return;
    this.send({ schema: PAYLOAD_SCHEMA_VERSION, batchId: randomUUID(), views: batch.views }).then(batch.resolve, batch.reject);
  }
}
