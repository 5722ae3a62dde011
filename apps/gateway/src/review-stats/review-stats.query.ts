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
 * - the window's events of the kinds counted, found by the partial index on
 *   `at` (article_events_review_at_idx);
 * - for each claim and decision, the moment its article last entered the
 *   queue before it (an event leading into `in_review` from elsewhere: the
 *   submission check's review_started, or an edit after approval): those
 *   articles' entries come from a partial index of entries alone
 *   (article_events_queue_entry_idx), and one pass over each article's
 *   timeline carries the latest entry forward (a lookup per event cost 4 s
 *   for 30 days at 100,000 articles);
 * - the first claim and the first decision after each entry, their waits'
 *   percentiles;
 * - the articles in review now whose wait exceeds their SLA (status and
 *   submitted_at index).
 * The submission check's automatic bounce (changes_requested without an
 * actor) is not an editor's decision, and is left out.
 */
export const STATS_SQL = (byRubric: boolean) => `
  with recent as (
    select e.id, e.article_id, e.at, e.type, e.actor_id
      from article_events e
      ${byRubric ? 'join articles ra on ra.id = e.article_id and ra.rubric_id = ?' : ''}
     where e.at >= now() - make_interval(hours => ?::int)
       and e.type in ('submitted', 'claimed', 'approved', 'changes_requested', 'rejected')
       and (e.type <> 'changes_requested' or e.actor_id is not null)
  ), entries as (
    select p.article_id, p.id, p.at
      from article_events p
     where p.to_status = 'in_review' and p.from_status is distinct from 'in_review'
       and p.article_id in (select article_id from recent where type <> 'submitted')
  ), timeline as (
    select article_id, id, at, type from recent where type <> 'submitted'
    union all
    select article_id, id, at, 'entry' from entries
  ), entered as (
    select article_id, id, at, type,
           max(case when type = 'entry' then id end) over (partition by article_id order by id rows unbounded preceding) as entry_id,
           max(case when type = 'entry' then at end) over (partition by article_id order by id rows unbounded preceding) as entry_at
      from timeline
  ), waits as (
    select type, extract(epoch from at - entry_at)::float8 as seconds,
           row_number() over (partition by article_id, entry_id, type = 'claimed' order by id) as nth
      from entered
     where type <> 'entry' and entry_id is not null
  ), over_sla as (
    select a.id, a.headline, a.priority::text as priority, rb.slug, rb.name, extract(epoch from now() - a.submitted_at)::float8 as waiting
      from articles a join rubrics rb on rb.id = a.rubric_id
     where a.status = 'in_review' ${byRubric ? 'and a.rubric_id = ?' : ''}
       and a.submitted_at < now() - make_interval(mins => case when a.priority = 'breaking' then ?::int else ?::int end)
     order by a.submitted_at asc
     limit ?
  )
  select
    (select count(*)::int from recent where type = 'submitted') as submitted,
    (select count(*)::int from recent where type = 'approved') as approved,
    (select count(*)::int from recent where type = 'changes_requested') as changes_requested,
    (select count(*)::int from recent where type = 'rejected') as rejected,
    (select percentile_cont(array[0.5, 0.9]) within group (order by seconds) from waits where type = 'claimed' and nth = 1) as to_claim,
    (select percentile_cont(array[0.5, 0.9]) within group (order by seconds) from waits where type <> 'claimed' and nth = 1) as to_decision,
    (select coalesce(json_agg(json_build_object('id', id, 'headline', headline, 'priority', priority, 'slug', slug, 'name', name, 'waiting', waiting) order by waiting desc), '[]'::json) from over_sla) as over_sla`;

/**
 * For the statement's transaction only. The planner prices the per-event
 * lookback far above what it costs (an index probe that stops at the first
 * row), which switches JIT compilation on: measured at 100,000 articles, that
 * was 2 of the 30-day window's 5.7 s. The sort of the waits fits in memory
 * with a little more than the default work_mem.
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
  return [...byRubric, hours, ...byRubric, sla.breakingMinutes, sla.minutes, OVER_SLA_LIMIT];
}

/** Whole seconds (the figures are for people), null when nothing was measured. */
function percentiles(values: number[] | null): { p50: number | null; p90: number | null } {
  return values ? { p50: Math.round(values[0]), p90: Math.round(values[1]) } : { p50: null, p90: null };
}
