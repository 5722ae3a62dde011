import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/** A scheduled article this far past its time counts as overdue: the publisher should have taken it. */
export const OVERDUE_AFTER_SECONDS = 5;

export interface ScheduleHealth {
  status: 'up' | 'degraded';
  overdue: number;
  oldestOverdueSeconds: number | null;
}

/**
 * Whether scheduled publishing keeps its promise: any article still `scheduled`
 * a few seconds past its time means the publisher is down or behind. Judged by
 * database time, like the publish itself.
 */
@Injectable()
export class ScheduleHealthIndicator {
  constructor(private readonly em: EntityManager) {}

  async check(): Promise<ScheduleHealth> {
    const [row] = await this.em.getConnection().execute<{ overdue: number; oldest: number | null }[]>(
      `select count(*)::int as overdue, extract(epoch from now() - min(scheduled_for))::float as oldest
         from articles where status = 'scheduled' and scheduled_for < now() - make_interval(secs => ?)`,
      [OVERDUE_AFTER_SECONDS],
    );
    return {
      status: row.overdue > 0 ? 'degraded' : 'up',
      overdue: row.overdue,
      oldestOverdueSeconds: row.oldest === null ? null : Math.round(row.oldest),
    };
  }
}
