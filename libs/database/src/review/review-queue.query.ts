import { EntityManager } from '@mikro-orm/postgresql';
import { ReviewQueueItem, ReviewQueueRow, toReviewQueueItem } from './review-queue-item';

export interface ReviewQueueFilter {
  rubric?: string;
  limit: number;
}

// One query for the whole list: the claim is joined only while it is live by
// database time, so an expired lease shows as free even before its expiry job runs.
const SELECT_QUEUE = `
  select a.id, a.headline, a.priority, a.version, a.submitted_at,
         r.slug as rubric_slug, r.name as rubric_name,
         au.id as author_id, au.name as author_name,
         (select json_agg(json_build_object('id', cu.id, 'name', cu.name) order by b.position)
            from article_bylines b join users cu on cu.id = b.user_id where b.article_id = a.id) as co_authors,
         c.editor_id as claim_editor_id, ed.name as claim_editor_name, c.expires_at as claim_expires_at
    from articles a
    join rubrics r on r.id = a.rubric_id
    join users au on au.id = a.author_id
    left join review_claims c on c.article_id = a.id and c.expires_at > now()
    left join users ed on ed.id = c.editor_id
   where a.status = 'in_review'`;

// Breaking news jumps the line; otherwise first come, first served (id breaks exact ties stably).
const QUEUE_ORDER = `order by (a.priority = 'breaking') desc, a.submitted_at asc nulls last, a.id`;

/**
 * The review queue in desk order. Runs on `em`'s connection and transaction, so
 * a writer sees its own uncommitted claim.
 */
export async function loadReviewQueue(em: EntityManager, filter: ReviewQueueFilter): Promise<ReviewQueueItem[]> {
  const params: unknown[] = [];
  let sql = SELECT_QUEUE;
  if (filter.rubric !== undefined) {
    sql += ' and r.slug = ?';
    params.push(filter.rubric);
  }
  sql += ` ${QUEUE_ORDER} limit ?`;
  params.push(filter.limit);
  const rows = await em.execute<ReviewQueueRow[]>(sql, params);
  return rows.map(toReviewQueueItem);
}

/** One article's queue item, or null when it is not in review (it left the queue, or never entered it). */
export async function loadReviewQueueItem(em: EntityManager, articleId: string): Promise<ReviewQueueItem | null> {
  const rows = await em.execute<ReviewQueueRow[]>(`${SELECT_QUEUE} and a.id = ?`, [articleId]);
  return rows.length ? toReviewQueueItem(rows[0]) : null;
}
