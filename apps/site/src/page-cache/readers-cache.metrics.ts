import { Injectable, OnModuleInit } from '@nestjs/common';
import { SystemMetrics } from '@newsroom/operations';
import { Counter, Gauge } from 'prom-client';
import { ReadersCache } from './readers-cache.service';
import type { ResponseCacheStats } from './response-cache';

/** The replica cache's figures on this app's /metrics. */
@Injectable()
export class ReadersCacheMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: SystemMetrics,
    private readonly cache: ReadersCache,
  ) {}

  /**
   * This replica's cache of readers' pages and JSON (`cache="responses"`) and
   * of 404 pages (`cache="not_found_pages"`); the side blocks (Populer,
   * UPDATE), read again on their own period, apart, so that "renders" counts
   * pages only. Per replica, unlike the shared figures of SystemMetrics: sum over replicas.
   */
  onModuleInit(): void {
    const cache = this.cache;
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
      ['stale_served', 'Requests answered with the page from before a change while its one refresh rendered (NEWSROOM_SITE_CHANGE_GRACE_MS)', (s) => s.staleServed],
      ['evictions', 'Entries evicted to stay within NEWSROOM_SITE_CACHE_MAX_BYTES', (s) => s.evictions],
      ['dropped', 'Entries dropped because what they show changed', (s) => s.dropped],
    ];
    for (const [name, help, read] of counters) {
      new Counter({ name: `newsroom_site_cache_${name}_total`, help, labelNames, registers: [this.metrics.registry], collect: each(read) });
    }
    new Gauge({ name: 'newsroom_site_cache_bytes', help: 'Bytes the replica cache holds', labelNames, registers: [this.metrics.registry], collect: each((s) => s.bytes, true) });
    new Gauge({ name: 'newsroom_site_cache_entries', help: 'Entries the replica cache holds', labelNames, registers: [this.metrics.registry], collect: each((s) => s.entries, true) });
    new Counter({
      name: 'newsroom_site_side_block_refreshes_total',
      help: 'Reads of the side lists (Populer, UPDATE) for the side blocks: one per kind of block every NEWSROOM_SITE_SIDE_LISTS_SECONDS at most, and when an article a block shows changes',
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        this.inc(cache.stats().sideBlocks.renders);
      },
    });
  }
}
