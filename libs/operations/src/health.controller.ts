import { Controller, Get, Inject, Optional, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '@newsroom/http';
import { HEALTH_EXTRAS, HealthExtras } from './operations.tokens';
import { RedisHealthIndicator } from './redis.health';
import { ScheduleHealth, ScheduleHealthIndicator } from './schedule.health';
import { ViewCountingHealth, ViewCountingHealthIndicator } from './view-counting.health';

type HealthBody = Omit<HealthCheckResult, 'status'> & {
  status: 'ok' | 'degraded' | 'error';
  schedule?: ScheduleHealth;
  viewCounting?: ViewCountingHealth;
} & Record<string, unknown>;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: MikroOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly schedule: ScheduleHealthIndicator,
    private readonly viewCounting: ViewCountingHealthIndicator,
    @Optional() @Inject(HEALTH_EXTRAS) private readonly extras?: HealthExtras,
  ) {}

  /**
   * 200 when Postgres and Redis answer, 503 otherwise, with each part's state.
   * Overdue scheduled articles, or readers' views waiting longer than the 2 s
   * promise to be counted, make it `degraded` (still 200: the app serves, but
   * the publisher or the views service needs attention). The app adds figures of its own replica
   * (the site: its cache's size).
   */
  @Public()
  @Get()
  @ApiOkResponse({ description: '`ok`, or `degraded` when scheduled articles are overdue or readers\' views wait more than 2 s to be counted (`viewCounting`: the backlog per lane and its age)' })
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
    const [schedule, viewCounting] = await Promise.all([this.schedule.check(), this.viewCounting.check()]);
    const degraded = schedule.status === 'degraded' || viewCounting.status === 'behind';
    return { ...result, status: degraded ? 'degraded' : 'ok', schedule, viewCounting, ...this.extras?.() };
  }
}
