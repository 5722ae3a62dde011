import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ArticleView } from '@newsroom/contracts';
import { Role } from '@newsroom/domain';
import { ArticleResponse } from '../article-access/article.response';
import { Roles } from '../auth/auth.decorators';
import { ScheduleCalendarQueryDto } from './dto/schedule-calendar-query.dto';
import { ScheduleCalendarQuery } from './schedule-calendar.query';

@ApiTags('publishing')
@ApiBearerAuth()
@Roles(Role.Scheduler, Role.Editor)
@Controller('schedule')
export class ScheduleCalendarController {
  constructor(private readonly calendar: ScheduleCalendarQuery) {}

  @Get()
  @ApiOperation({ summary: 'The calendar: scheduled articles, soonest first' })
  @ApiOkResponse({ type: ArticleResponse, isArray: true })
  @ApiForbiddenResponse({ description: 'not a scheduler or editor' })
  list(@Query() query: ScheduleCalendarQueryDto): Promise<ArticleView[]> {
    return this.calendar.list(query);
  }
}
