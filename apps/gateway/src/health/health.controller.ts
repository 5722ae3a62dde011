import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { ReadersCache } from '../page-cache/readers-cache.service';
import { RedisHealthIndicator } from './redis.health';
import { ScheduleHealth, ScheduleHealthIndicator } from './schedule.health';

type HealthBody = Omit<HealthCheckResult, 'status'> & {
  status: 'ok' | 'degraded' | 'error';
  schedule?: ScheduleHealth;
  /** this replica's cache of readers' pages and JSON */
  siteCache?: { bytes: number; entries: number };
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: MikroOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly schedule: ScheduleHealthIndicator,
    private readonly readersCache: ReadersCache,
  ) {}

  /**
   * 200 when Postgres and Redis answer, 503 otherwise, with each part's state.
   * Overdue scheduled articles make it `degraded` (still 200: the gateway serves,
   * but the publisher needs attention).
   */
  @Public()
  @Get()
  @ApiOkResponse({ description: '`ok`, or `degraded` when scheduled articles are overdue' })
  @ApiServiceUnavailableResponse({ description: 'Postgres or Redis does not answer' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthBody> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.db.pingCheck('postgres', { timeout: 1500 }), () => this.redis.check('redis')]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return { ...(error.getResponse() as HealthCheckResult), status: 'error' };
    }
    const schedule = await this.schedule.check();
    const { bytes, entries } = this.readersCache.stats().responses;
    return { ...result, status: schedule.status === 'degraded' ? 'degraded' : 'ok', schedule, siteCache: { bytes, entries } };
  }
}
