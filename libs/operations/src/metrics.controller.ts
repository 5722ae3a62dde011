import { Controller, Get, Header, Headers } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HttpServerConfig, MetricsAccess, Public } from '@newsroom/http';
import { SystemMetrics } from './system-metrics';

/** Prometheus scrape endpoint (text exposition format); in production only with the scraper's token (MetricsAccess). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly access: MetricsAccess;

  constructor(
    private readonly metrics: SystemMetrics,
    config: HttpServerConfig,
  ) {
    this.access = new MetricsAccess(config);
  }

  @Public()
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    this.access.check(authorization);
    return this.metrics.registry.metrics();
  }
}
