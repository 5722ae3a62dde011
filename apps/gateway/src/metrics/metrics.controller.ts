import { Controller, Get, Header, Headers, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import { GatewayConfig } from '../gateway.config';
import { MetricsService } from './metrics.service';

/**
 * Prometheus scrape endpoint (text exposition format). Queue depths, backlogs
 * and process figures tell an outsider how loaded (and how attackable) the
 * newsroom is, so in production it answers only the scraper's bearer token
 * (NEWSROOM_METRICS_TOKEN) and does not exist without one. In development and
 * tests it stays open for curl.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly expected?: Buffer;

  constructor(
    private readonly metrics: MetricsService,
    private readonly config: GatewayConfig,
  ) {
    if (config.NEWSROOM_METRICS_TOKEN) this.expected = digest(`Bearer ${config.NEWSROOM_METRICS_TOKEN}`);
  }

  @Public()
  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Headers('authorization') authorization?: string): Promise<string> {
    if (this.config.isProduction) {
      if (!this.expected) throw new NotFoundException();
      // digests of equal length, compared in constant time: the answer's timing says nothing of the token
      if (!timingSafeEqual(digest(authorization ?? ''), this.expected)) throw new UnauthorizedException('a valid metrics token is required');
    }
    return this.metrics.registry.metrics();
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
