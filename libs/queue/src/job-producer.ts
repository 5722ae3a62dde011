import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { JOB_QUEUE, JobName, JobPayload, QueueName } from '@newsroom/contracts';
import { RedisClient } from '@newsroom/redis';
import { currentTraceIds } from '@newsroom/telemetry';
import type { JobsOptions, Queue } from 'bullmq';
import { connectionOf } from './queue-connections';

export interface Enqueue<J extends JobName = JobName> {
  name: J;
  data: JobPayload<J>;
  opts?: JobsOptions;
}

/**
 * The typed way to put work on a queue: the job name picks the queue and the
 * compiler checks the payload. Custom job ids must not contain ':' (BullMQ
 * uses it in keys). Resolves once the jobs are in Redis, and with
 * NEWSROOM_REDIS_WAIT_REPLICAS once that many replicas of the queue's master
 * have them too (a relay marks its events relayed only then).
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
    private readonly redis: RedisClient,
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
    const queue = this.queues[JOB_QUEUE[name]];
    await queue.add(name, traced(data), opts);
    await this.replicated(queue);
  }

  /** Adds many jobs, one round trip per queue. */
  async enqueueMany(jobs: Enqueue[]): Promise<void> {
    const byQueue = new Map<QueueName, { name: string; data: unknown; opts?: JobsOptions }[]>();
    for (const job of jobs) {
      assertJobId(job.opts?.jobId);
      const queue = JOB_QUEUE[job.name];
      const list = byQueue.get(queue);
      const one = { ...job, data: traced(job.data) };
      if (list) list.push(one);
      else byQueue.set(queue, [one]);
    }
    await Promise.all(
      [...byQueue].map(async ([name, list]) => {
        await this.queues[name].addBulk(list);
        await this.replicated(this.queues[name]);
      }),
    );
  }

  /** Waits for the replicas of the queue's master to hold what this process added to it (a no-op unless configured). */
  private async replicated(queue: Queue): Promise<void> {
    if (this.redis.replicaAcks.replicas > 0) await this.redis.replicaAcks.confirm(await connectionOf(queue), queue.toKey('meta'));
  }
}

function assertJobId(id: string | undefined): void {
  if (id !== undefined && id.includes(':')) throw new Error(`job id "${id}" contains ':'`);
}

/** The job carries the trace of the work that adds it, unless it names its own (a relayed event's). */
function traced<T extends { trace?: unknown }>(data: T): T {
  if (data.trace) return data;
  const trace = currentTraceIds();
  return trace ? { ...data, trace } : data;
}
