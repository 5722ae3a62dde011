import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { HEALTH_EXTRAS, HealthExtras, OPERATIONS_APP } from './operations.tokens';
import { RedisHealthIndicator } from './redis.health';
import { ScheduleHealthIndicator } from './schedule.health';
import { SystemMetrics } from './system-metrics';
import { ViewCountingHealthIndicator } from './view-counting.health';

/**
 * GET /health and GET /metrics of an HTTP app (gateway, site): the state of
 * Postgres, Redis, the queues and the schedule, which every replica reads
 * alike, plus what the app adds of its own (`healthExtras`, and metrics
 * registered on SystemMetrics.registry).
 */
@Module({})
export class OperationsModule {
  static forRoot(options: { app: string; healthExtras?: { inject: unknown[]; useFactory: (...deps: never[]) => HealthExtras } }): DynamicModule {
    const providers: Provider[] = [RedisHealthIndicator, ScheduleHealthIndicator, ViewCountingHealthIndicator, SystemMetrics, { provide: OPERATIONS_APP, useValue: options.app }];
    if (options.healthExtras) {
      providers.push({ provide: HEALTH_EXTRAS, inject: options.healthExtras.inject as never[], useFactory: options.healthExtras.useFactory });
    }
    return {
      module: OperationsModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers,
      exports: [SystemMetrics, ScheduleHealthIndicator],
    };
  }
}
