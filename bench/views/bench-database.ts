import { migrateDatabase } from '@newsroom/database';
import { Client } from 'pg';

export const BENCH_DATABASE = 'newsroom_bench_views';

/** The benchmark's own database URL: same server as DATABASE_URL, never `newsroom` or a test database. */
const OUT_OF_REACH = '1000000000';

/**
 * The environment of the apps under load: the bench database, and the per-address
 * limits set out of reach, since every request of a benchmark comes from 127.0.0.1.
 */
export function benchAppEnv(): Record<string, string> {
  return {
    DATABASE_URL: benchDatabaseUrl(),
    NEWSROOM_RATE_LIMIT_READS_PER_MINUTE: OUT_OF_REACH,
    NEWSROOM_RATE_LIMIT_VIEWS_PER_MINUTE: OUT_OF_REACH,
    NEWSROOM_VIEW_MAX_VISITORS_PER_CLIENT: OUT_OF_REACH,
  };
}

export function benchDatabaseUrl(): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/newsroom');
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(benchDatabaseUrl());
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropBenchDatabase(): Promise<void> {
  await onServer((c) => c.query(`drop database if exists "${BENCH_DATABASE}" with (force)`));
}

/** A fresh, migrated database (whatever a previous, interrupted run left is dropped first). */
export async function createBenchDatabase(): Promise<void> {
  await dropBenchDatabase();
  await onServer((c) => c.query(`create database "${BENCH_DATABASE}"`));
  await migrateDatabase(benchDatabaseUrl());
}

export async function withBenchDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: benchDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const RUBRICS = 5;

/**
 * The archive the read benchmark needs, set-based: `articles` published ones a
 * minute apart over five rubrics, and `views` counted views spread over ten
 * hours of the last 30 days per article (article_view_hours summing to exactly
 * `views`), with matching all-time totals. Plus the naive baseline's table.
 */
export async function bulkLoad(client: Client, options: { authorId: string; articles: number; views: number; naiveRows: number }): Promise<void> {
  await client.query(
    `insert into rubrics (id, slug, name, created_at) select gen_random_uuid(), 'rubrik-' || g, 'Rubrik ' || g, now() from generate_series(1, $1::int) g`,
    [RUBRICS],
  );
  await client.query(
    `insert into articles (id, slug, version, status, headline, lead, body, rubric_id, author_id, tags, priority, submitted_at,
       approved_version, published_at, word_count, reading_minutes, created_at, updated_at)
     select gen_random_uuid(), 'artikel-uji-' || g, 3, 'published', 'Artikel Uji Nomor ' || g, 'Teras berita.', '<p>Isi berita uji.</p>',
            (array(select id from rubrics order by slug))[1 + g % $3::int], $2, '{}', 'normal', now(), 3,
            now() - g * interval '1 minute', 60, 1, now(), now()
       from generate_series(1, $1::int) g`,
    [options.articles, options.authorId, RUBRICS],
  );
  // ten distinct hours per article inside 30 days, uneven counts, so the ranking has a shape
  await client.query(
    `insert into article_view_hours (article_id, hour, views)
     select a.id, date_trunc('hour', now()) - ((a.n * 13 + k * 71) % 720) * interval '1 hour', 1 + (a.n * 7919 + k * 104729) % 19
       from (select id, row_number() over (order by id) as n from articles) a, generate_series(0, 9) k`,
  );
  const [{ sum }] = (await client.query<{ sum: string }>('select sum(views)::text as sum from article_view_hours')).rows;
  await client.query(
    `update article_view_hours set views = views + $1::bigint
      where (article_id, hour) = (select article_id, hour from article_view_hours order by views desc, article_id limit 1)`,
    [options.views - Number(sum)],
  );
  await client.query(`insert into article_view_totals (article_id, views) select article_id, sum(views) from article_view_hours group by article_id`);
  await client.query(`create table bench_naive_views (id int primary key, views bigint not null default 0)`);
  await client.query(`insert into bench_naive_views (id) select generate_series(1, $1::int)`, [options.naiveRows]);
  await client.query('analyze');
}

export async function countedViews(client: Client): Promise<number> {
  return Number((await client.query<{ sum: string }>('select coalesce(sum(views), 0)::text as sum from article_view_totals')).rows[0].sum);
}
