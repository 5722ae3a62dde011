import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ArticleView } from '@newsroom/contracts';
import { Article } from '@newsroom/database';
import { ArticleStatus, parseNewsroomTime } from '@newsroom/domain';
import { ArticleAccess } from '../article-access/article-access.service';
import { GatewayConfig } from '../gateway.config';
import { ScheduleCalendarQueryDto } from './dto/schedule-calendar-query.dto';

const DEFAULT_LIMIT = 100;

/** The calendar: scheduled articles in the order they will go live (served by articles_scheduled_idx). */
@Injectable()
export class ScheduleCalendarQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly access: ArticleAccess,
    private readonly config: GatewayConfig,
  ) {}

  async list(query: ScheduleCalendarQueryDto): Promise<ArticleView[]> {
    const from = query.from === undefined ? undefined : parseNewsroomTime(query.from, this.config.NEWSROOM_TZ);
    const to = query.to === undefined ? undefined : parseNewsroomTime(query.to, this.config.NEWSROOM_TZ);
    const em = this.em.fork();
    const articles = await em.find(
      Article,
      {
        status: ArticleStatus.Scheduled,
        ...(from || to ? { scheduledFor: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } } : {}),
      },
      { orderBy: { scheduledFor: 'asc', id: 'asc' }, limit: query.limit ?? DEFAULT_LIMIT, populate: ['rubric', 'author'] },
    );
    return this.access.presentMany(articles, em);
  }
}
