import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';
import { ScheduleHealthIndicator } from './schedule.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, ScheduleHealthIndicator],
  exports: [ScheduleHealthIndicator],
})
export class HealthModule {}
