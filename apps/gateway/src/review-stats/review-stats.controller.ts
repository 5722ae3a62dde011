import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@newsroom/domain';
import { Roles } from '../auth/auth.decorators';
import { ReviewStatsQueryDto } from './dto/review-stats.query';
import { ReviewStatsQuery } from './review-stats.query';
import { ReviewStatsResponse } from './review-stats.response';

@ApiTags('review')
@ApiBearerAuth()
@Roles(Role.Editor)
@Controller('review-queue/stats')
export class ReviewStatsController {
  constructor(private readonly query: ReviewStatsQuery) {}

  @Get()
  @ApiOperation({ summary: 'Desk figures: submissions, decisions, time to claim and to decision (p50/p90, seconds), and the items over the SLA' })
  @ApiOkResponse({ type: ReviewStatsResponse })
  @ApiForbiddenResponse({ description: 'not an editor' })
  @ApiNotFoundResponse({ description: 'no such rubric' })
  stats(@Query() query: ReviewStatsQueryDto): Promise<ReviewStatsResponse> {
    return this.query.stats(query);
  }
}
