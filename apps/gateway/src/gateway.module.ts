import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { NewsroomConfigModule } from '@newsroom/config';
import { DatabaseModule } from '@newsroom/database';
import { OutboxModule } from '@newsroom/outbox';
import { QueueModule } from '@newsroom/queue';
import { RedisModule } from '@newsroom/redis';
import { ArticleAccessModule } from './article-access/article-access.module';
import { AuthModule } from './auth/auth.module';
import { GatewayConfig } from './gateway.config';
import { HealthModule } from './health/health.module';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { RubricsModule } from './rubrics/rubrics.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    NewsroomConfigModule.forRoot(GatewayConfig),
    DatabaseModule.forRoot(),
    RedisModule,
    QueueModule.forRoot(),
    OutboxModule,
    AuthModule,
    ArticleAccessModule,
    UsersModule,
    RubricsModule,
    HealthModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
})
export class GatewayModule {}
