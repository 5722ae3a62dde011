import { Injectable } from '@nestjs/common';
import { minuteBucket, QueueName, ViewMinuteKey } from '@newsroom/contracts';
import { JobProducer, ViewCountingQueues } from '@newsroom/queue';
import { RedisClient } from '@newsroom/redis';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { ScheduleHealthIndicator } from '../health/schedule.health';
import { ReadersCache } from '../page-cache/readers-cache.service';
import type { ResponseCacheStats } from '../page-cache/response-cache';
import { viewCountingBacklog } from '../views/view-counting-backlog';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/**
 * Prometheus metrics. Values that live in Postgres or Redis are read at scrape
 * time, so every gateway replica reports the same numbers for shared state.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  // prom-client calls collect() with the metric as `this`, so the sources are closed over.
  constructor(producer: JobProducer, schedule: ScheduleHealthIndicator, redis: RedisClient, readersCache: ReadersCache, viewQueues: ViewCountingQueues) {
    collectDefaultMetrics({ register: this.registry, prefix: 'newsroom_gateway_' });
    this.readersCacheMetrics(readersCache);
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

  /**
   * This replica's cache of readers' pages and JSON (`cache="responses"`) and
   * of 404 pages (`cache="not_found_pages"`); the side blocks (Populer,
   * UPDATE), read again on their own period, apart, so that "renders" counts
   * pages only. Per replica, unlike the shared figures above: sum over replicas.
   */
  private readersCacheMetrics(cache: ReadersCache): void {
    const labelNames = ['cache'];
    const each = (read: (stats: ResponseCacheStats) => number, withSideBlocks = false) =>
      function (this: Counter | Gauge) {
        const stats = cache.stats();
        this.reset();
        const caches: [string, ResponseCacheStats][] = [['responses', stats.responses], ['not_found_pages', stats.notFoundPages]];
        if (withSideBlocks) caches.push(['side_blocks', stats.sideBlocks]);
        for (const [label, figures] of caches) {
          if (this instanceof Counter) this.inc({ cache: label }, read(figures));
          else this.set({ cache: label }, read(figures));
        }
      };
    const counters: [string, string, (stats: ResponseCacheStats) => number][] = [
      ['hits', 'Requests answered from the replica cache', (s) => s.hits],
      ['misses', 'Requests the replica cache did not hold (they waited for a render, their own or one under way)', (s) => s.misses],
      ['renders', 'Renders for the replica cache (one per key at a time, however many requests missed)', (s) => s.renders],
      ['render_failures', 'Renders that failed (not kept; their waiters got the error)', (s) => s.renderFailures],
      ['evictions', 'Entries evicted to stay within NEWSROOM_SITE_CACHE_MAX_BYTES', (s) => s.evictions],
      ['dropped', 'Entries dropped because what they show changed', (s) => s.dropped],
    ];
    for (const [name, help, read] of counters) {
      new Counter({ name: `newsroom_site_cache_${name}_total`, help, labelNames, registers: [this.registry], collect: each(read) });
    }
    new Gauge({ name: 'newsroom_site_cache_bytes', help: 'Bytes the replica cache holds', labelNames, registers: [this.registry], collect: each((s) => s.bytes, true) });
    new Gauge({ name: 'newsroom_site_cache_entries', help: 'Entries the replica cache holds', labelNames, registers: [this.registry], collect: each((s) => s.entries, true) });
    new Counter({
      name: 'newsroom_site_side_block_refreshes_total',
      help: 'Reads of the side lists (Populer, UPDATE) for the side blocks: one per kind of block every NEWSROOM_SITE_SIDE_LISTS_SECONDS at most, and when an article a block shows changes',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(cache.stats().sideBlocks.renders);
      },
    });
  }
}
