import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { RedisClient } from '@newsroom/redis';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: RedisClient,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    const started = Date.now();
    try {
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out after 1s')), 1000)),
      ]);
      return pong === 'PONG' ? check.up({ latencyMs: Date.now() - started }) : check.down({ message: `unexpected reply ${pong}` });
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}
