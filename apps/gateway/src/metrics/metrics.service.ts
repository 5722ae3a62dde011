import { Injectable } from '@nestjs/common';
import { QueueName } from '@newsroom/contracts';
import { JobProducer } from '@newsroom/queue';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { ScheduleHealthIndicator } from '../health/schedule.health';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/**
 * Prometheus metrics. Values that live in Postgres or Redis are read at scrape
 * time, so every gateway replica reports the same numbers for shared state.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  // prom-client calls collect() with the metric as `this`, so the sources are closed over.
  constructor(producer: JobProducer, schedule: ScheduleHealthIndicator) {
    collectDefaultMetrics({ register: this.registry, prefix: 'newsroom_gateway_' });
    new Gauge({
      name: 'newsroom_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        await Promise.all(
          Object.values(QueueName).map(async (queue) => {
            const counts = await producer.queue(queue).getJobCounts(...JOB_STATES);
            for (const state of JOB_STATES) this.set({ queue, state }, counts[state] ?? 0);
          }),
        );
      },
    });
    new Gauge({
      name: 'newsroom_scheduled_overdue_articles',
      help: 'Scheduled articles more than a few seconds past their time (the publisher is down or behind)',
      registers: [this.registry],
      async collect() {
        this.set((await schedule.check()).overdue);
      },
    });
  }
}
