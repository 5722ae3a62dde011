import { Module } from '@nestjs/common';
import { ReviewStatsController } from './review-stats.controller';
import { ReviewStatsQuery } from './review-stats.query';

/** The desk's figures (API v1.1): how long stories wait for an editor, per window and rubric. */
@Module({ controllers: [ReviewStatsController], providers: [ReviewStatsQuery], exports: [ReviewStatsQuery] })
export class ReviewStatsModule {}
