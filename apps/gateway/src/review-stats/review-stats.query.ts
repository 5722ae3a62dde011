import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { notFound } from '@newsroom/domain';
import { GatewayConfig } from '../gateway.config';
import { DEFAULT_REVIEW_STATS_WINDOW, REVIEW_STATS_WINDOWS, ReviewStatsWindow } from './review-stats-window';
import { ReviewStatsResponse } from './review-stats.response';

/** Items over the SLA listed at most (the desk shows the worst; the count of the rest is the queue's). */
const OVER_SLA_LIMIT = 100;

/**
 * One statement over the stored history (article_events) and the queue:
 * - the window's events of the kinds counted, read from one covering partial
 *   index on `at` (article_events_review_window_idx), which leaves out the
 *   submission check's automatic bounce (changes_requested without an actor:
 *   not an editor's decision);
 * - each claim's and decision's wait from the article's last entry into the
 *   queue (the submission check's review_started, or an edit after approval),
 *   which the event carries (`queue_entered_at`, set when it was written:
 *   Migration20261222090000), so nothing is paired at read time; pairing each
 *   event with its entry here cost seconds for 30 days at 100,000 articles;
 * - only the first claim and the first decision per entry count, of those the
 *   window holds: an answer counts unless an earlier one to the same entry
 *   (`queue_prior_at`, the latest such) falls in the window too;
 * - the articles in review now whose wait exceeds their SLA (status and
 *   submitted_at index).
 */
export const STATS_SQL = (byRubric: boolean) => `
  with since as (
    select now() - make_interval(hours => ?::int) as at
  ), recent as (
    select e.type,
           extract(epoch from e.at - e.queue_entered_at)::float8 as seconds,
           e.queue_entered_at is not null and (e.queue_prior_at is null or e.queue_prior_at < s.at) as first_answer
      from since s
      join article_events e on e.at >= s.at
      ${byRubric ? 'join articles ra on ra.id = e.article_id and ra.rubric_id = ?' : ''}
     where e.type in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected')
       and (e.type <> 'changes_requested' or e.actor_id is not null)
  ), over_sla as (
    select a.id, a.headline, a.priority::text as priority, rb.slug, rb.name, extract(epoch from now() - a.submitted_at)::float8 as waiting
      from articles a join rubrics rb on rb.id = a.rubric_id
     where a.status = 'in_review' ${byRubric ? 'and a.rubric_id = ?' : ''}
       and a.submitted_at < now() - make_interval(mins => case when a.priority = 'breaking' then ?::int else ?::int end)
     order by a.submitted_at asc
     limit ?
  )
  select
    count(*) filter (where type = 'submitted')::int as submitted,
    count(*) filter (where type = 'approved')::int as approved,
    count(*) filter (where type = 'changes_requested')::int as changes_requested,
    count(*) filter (where type = 'rejected')::int as rejected,
    percentile_cont(array[0.5, 0.9]) within group (order by seconds) filter (where type = 'claimed' and first_answer) as to_claim,
    percentile_cont(array[0.5, 0.9]) within group (order by seconds) filter (where type not in ('submitted', 'claimed') and first_answer) as to_decision,
    (select coalesce(json_agg(json_build_object('id', id, 'headline', headline, 'priority', priority, 'slug', slug, 'name', name, 'waiting', waiting) order by waiting desc), '[]'::json) from over_sla) as over_sla
    from recent`;

/**
 * For the statement's transaction only. JIT compilation costs more than it
 * saves on a statement this size (the planner's estimates for a 30-day window
 * switch it on: measured at 100,000 articles, 2 s of an earlier version's 5.7 s).
 * The sort of the waits fits in memory with a little more than the default work_mem.
 */
export const STATS_SETTINGS = `set local jit = off; set local work_mem = '32MB'`;

interface StatsRow {
  submitted: number;
  approved: number;
  changes_requested: number;
  rejected: number;
  to_claim: number[] | null;
  to_decision: number[] | null;
  over_sla: { id: string; headline: string; priority: string; slug: string; name: string; waiting: number }[];
}

/** GET /review-queue/stats: how long stories wait for the desk, in seconds. */
@Injectable()
export class ReviewStatsQuery {
  constructor(
    private readonly em: EntityManager,
    private readonly config: GatewayConfig,
  ) {}

  async stats(query: { window?: ReviewStatsWindow; rubric?: string }): Promise<ReviewStatsResponse> {
    const window = query.window ?? DEFAULT_REVIEW_STATS_WINDOW;
    const em = this.em.fork();
    const rubricId = query.rubric === undefined ? null : await this.rubricId(em, query.rubric);
    const sla = { minutes: this.config.NEWSROOM_REVIEW_SLA_MINUTES, breakingMinutes: this.config.NEWSROOM_REVIEW_SLA_BREAKING_MINUTES };
    const [row] = await em.transactional(async (tx) => {
      await tx.execute(STATS_SETTINGS);
      return tx.execute<StatsRow[]>(STATS_SQL(rubricId !== null), statsParams(REVIEW_STATS_WINDOWS[window], rubricId, sla));
    });
    return {
      window,
      rubric: query.rubric ?? null,
      submitted: row.submitted,
      decided: { approved: row.approved, changes_requested: row.changes_requested, rejected: row.rejected },
      timeToClaim: percentiles(row.to_claim),
      timeToDecision: percentiles(row.to_decision),
      overSla: row.over_sla.map((item) => ({
        article: { id: item.id, headline: item.headline, rubric: { slug: item.slug, name: item.name }, priority: item.priority },
        waitingSeconds: Math.floor(item.waiting),
      })),
    };
  }

  private async rubricId(em: EntityManager, slug: string): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>('select id from rubrics where slug = ?', [slug]);
    if (!row) throw notFound('RUBRIC.NOT_FOUND', `there is no rubric "${slug}"`);
    return row.id;
  }
}

/** STATS_SQL's parameters, in the order its placeholders appear (also used by bench/review-stats). */
export function statsParams(hours: number, rubricId: string | null, sla: { minutes: number; breakingMinutes: number }): unknown[] {
  const byRubric = rubricId === null ? [] : [rubricId];
  return [hours, ...byRubric, ...byRubric, sla.breakingMinutes, sla.minutes, OVER_SLA_LIMIT];
}

/** Whole seconds (the figures are for people), null when nothing was measured. */
function percentiles(values: number[] | null): { p50: number | null; p90: number | null } {
  return values ? { p50: Math.round(values[0]), p90: Math.round(values[1]) } : { p50: null, p90: null };
}
