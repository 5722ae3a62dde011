import { Injectable, OnModuleInit } from '@nestjs/common';
import { SystemMetrics } from '@newsroom/operations';
import { Counter } from 'prom-client';
import { ViewsService } from './views.service';

/** The view beacon's figures on this app's /metrics (per replica: sum over replicas). */
@Injectable()
export class BeaconMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: SystemMetrics,
    private readonly views: ViewsService,
  ) {}

  onModuleInit(): void {
    const views = this.views;
    new Counter({
      name: 'newsroom_site_views_accepted_total',
      help:
        'Views this replica answered 202 for (each one in Redis then), per lane: against the views counted ' +
        '(newsroom_views_counted_last_minute) and the backlog (newsroom_view_counting_backlog_seconds), what is still to count',
      labelNames: ['lane'],
      registers: [this.metrics.registry],
      collect() {
        this.reset();
        this.inc({ lane: 'prompt' }, views.accepted.prompt);
        this.inc({ lane: 'bulk' }, views.accepted.bulk);
      },
    });
  }
}
