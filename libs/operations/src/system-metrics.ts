import { Inject, Injectable } from '@nestjs/common';
import { minuteBucket, QueueName, ViewMinuteKey } from '@newsroom/contracts';
import { JobProducer, ViewCountingQueues } from '@newsroom/queue';
import { RedisClient } from '@newsroom/redis';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { OPERATIONS_APP } from './operations.tokens';
import { ScheduleHealthIndicator } from './schedule.health';
import { unflushedViews } from './unflushed-views';
import { viewCountingBacklog } from './view-counting-backlog';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/**
 * Prometheus metrics of an HTTP app: its process figures, and the figures of
 * shared state (queues, the view-counting backlog, views counted, overdue
 * schedules), read from Postgres and Redis at scrape time, so every replica
 * of every app reports the same numbers for them. An app adds its own to
 * `registry` (the site: its replica cache).
 */
@Injectable()
export class SystemMetrics {
  readonly registry = new Registry();

  // prom-client calls collect() with the metric as `this`, so the sources are closed over.
  constructor(
    producer: JobProducer,
    schedule: ScheduleHealthIndicator,
    redis: RedisClient,
    viewQueues: ViewCountingQueues,
    @Inject(OPERATIONS_APP) app: string,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: `newsroom_${app}_` });
    new Gauge({
      name: 'newsroom_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        await Promise.all(
          Object.values(QueueName).map(async (queue) => {
            // view-counting: the sum over the view shards' queues
            const queues = queue === QueueName.ViewCounting ? viewQueues.all() : [producer.queue(queue)];
            const counts = await Promise.all(queues.map((q) => q.getJobCounts(...JOB_STATES)));
            for (const state of JOB_STATES) this.set({ queue, state }, counts.reduce((sum, c) => sum + (c[state] ?? 0), 0));
          }),
        );
      },
    });
    new Gauge({
      name: 'newsroom_view_counting_backlog_seconds',
      help:
        'How long the oldest view batch has waited to be counted, per lane (0 when none waits): how much later than the ' +
        'one-second flush its views will show. The prompt lane (readers\' beacons) is served first; a bulk backlog that ' +
        'keeps growing means the views service needs replicas (jobs per lane: newsroom_queue_jobs, waiting and prioritized)',
      labelNames: ['lane'],
      registers: [this.registry],
      async collect() {
        const backlog = await viewCountingBacklog(viewQueues.all());
        this.set({ lane: 'prompt' }, backlog.prompt);
        this.set({ lane: 'bulk' }, backlog.bulk);
      },
    });
    new Gauge({
      name: 'newsroom_view_counts_unflushed_seconds',
      help:
        'Seconds since the views service last moved counted views to Postgres, while counted views wait for it (0 when ' +
        'none waits): readers\' views are counted as they arrive and shown at the next flush, every second; a growing ' +
        'figure means the views service is down or behind (nothing is lost meanwhile)',
      registers: [this.registry],
      async collect() {
        const { lagSeconds } = await unflushedViews(redis);
        // no flush on record while counts wait: the gauge needs a number, and a day says "long" plainly
        this.set(Number.isFinite(lagSeconds) ? lagSeconds : 86_400);
      },
    });
    new Gauge({
      name: 'newsroom_views_counted_last_minute',
      help:
        'Views counted (after dedup, crawlers and the per-address cap) among those accepted in the last complete minute, ' +
        'from the views service\'s per-minute buckets: readers\' real views per minute. It fills in late while view batches wait',
      registers: [this.registry],
      async collect() {
        // one bucket per view shard, each under the shard's tag
        const minute = ViewMinuteKey.minute(minuteBucket(new Date()) - 60);
        const { keyspace } = redis;
        const views = await Promise.all(keyspace.viewShards.map((shard) => redis.unprefixed.hvals(keyspace.viewShardKey(shard, minute))));
        this.set(views.flat().reduce((sum, n) => sum + Number(n), 0));
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
