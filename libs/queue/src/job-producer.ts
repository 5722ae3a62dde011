import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JOB_QUEUE, JobName, JobPayload, QueueName } from '@newsroom/contracts';
import type { JobsOptions, Queue } from 'bullmq';

export interface Enqueue<J extends JobName = JobName> {
  name: J;
  data: JobPayload<J>;
  opts?: JobsOptions;
}

/**
 * The typed way to put work on a queue: the job name picks the queue and the
 * compiler checks the payload. Custom job ids must not contain ':' (BullMQ
 * uses it in keys).
 */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.DraftSubmission) draftSubmission: Queue,
    @InjectQueue(QueueName.EditorialReview) editorialReview: Queue,
    @InjectQueue(QueueName.WebhookDelivery) webhookDelivery: Queue,
    @InjectQueue(QueueName.Publishing) publishing: Queue,
    @InjectQueue(QueueName.ViewCounting) viewCounting: Queue,
    @InjectQueue(QueueName.ViewUpkeep) viewUpkeep: Queue,
    @InjectQueue(QueueName.EdgePurge) edgePurge: Queue,
  ) {
    this.queues = {
      [QueueName.DraftSubmission]: draftSubmission,
      [QueueName.EditorialReview]: editorialReview,
      [QueueName.WebhookDelivery]: webhookDelivery,
      [QueueName.Publishing]: publishing,
      [QueueName.ViewCounting]: viewCounting,
      [QueueName.ViewUpkeep]: viewUpkeep,
      [QueueName.EdgePurge]: edgePurge,
    };
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }

  async enqueue<J extends JobName>(name: J, data: JobPayload<J>, opts?: JobsOptions): Promise<void> {
    assertJobId(opts?.jobId);
    await this.queues[JOB_QUEUE[name]].add(name, data, opts);
  }

  /** Adds many jobs, one round trip per queue. */
  async enqueueMany(jobs: Enqueue[]): Promise<void> {
    const byQueue = new Map<QueueName, { name: string; data: unknown; opts?: JobsOptions }[]>();
    for (const job of jobs) {
      assertJobId(job.opts?.jobId);
      const queue = JOB_QUEUE[job.name];
      const list = byQueue.get(queue);
      if (list) list.push(job);
      else byQueue.set(queue, [job]);
    }
    await Promise.all([...byQueue].map(([queue, list]) => this.queues[queue].addBulk(list)));
  }
}

function assertJobId(id: string | undefined): void {
  if (id !== undefined && id.includes(':')) throw new Error(`job id "${id}" contains ':'`);
}
