import { Client } from 'pg';
import { loadArchive } from '../lib/archive';
import { BenchDatabase } from '../lib/bench-database';

export const benchDatabase = new BenchDatabase('newsroom_bench_views');

/** The read benchmark's archive (../lib/archive), plus the naive baseline's table. */
export async function bulkLoad(client: Client, options: { authorId: string; articles: number; views: number; naiveRows: number }): Promise<void> {
  await loadArchive(client, options);
  await client.query(`create table bench_naive_views (id int primary key, views bigint not null default 0)`);
  await client.query(`insert into bench_naive_views (id) select generate_series(1, $1::int)`, [options.naiveRows]);
  await client.query('analyze bench_naive_views');
}

export async function countedViews(client: Client): Promise<number> {
  return Number((await client.query<{ sum: string }>('select coalesce(sum(views), 0)::text as sum from article_view_totals')).rows[0].sum);
}
