import { Client } from 'pg';
import { eventually, NewsroomProcesses } from '@newsroom/testing';

export const RUBRICS = 5;

/**
 * A large archive, set-based: `articles` published ones a minute apart over
 * five rubrics (`rubrik-1` ..), and `views` counted views spread over ten
 * hours of the last 30 days per article (article_view_hours summing to exactly
 * `views`), with matching all-time totals.
 */
export async function loadArchive(client: Client, options: { authorId: string; articles: number; views: number }): Promise<void> {
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
  // vacuumed as well as analyzed: a million fresh rows would otherwise bring autovacuum in for them during the measuring
  await client.query('vacuum (analyze)');
}

/**
 * An archive loaded behind the views service's back: have it rebuild its
 * index of published articles and its ranking, as after a lost Redis.
 */
export async function rebuildViewsIndex(newsroom: NewsroomProcesses, timeoutMs = 180_000): Promise<void> {
  await viewsIndexBuilt(newsroom, { timeoutMs, rebuild: true });
}

/**
 * Waits until the views service has built its index of published articles
 * and its ranking (at start, on a Redis prefix of its own, it reads the whole
 * archive: a benchmark measuring meanwhile measures that too); `rebuild`
 * drops them first.
 */
export async function viewsIndexBuilt(newsroom: NewsroomProcesses, options: { timeoutMs?: number; rebuild?: boolean } = {}): Promise<void> {
  // the apps' own Redis: a cluster client when they run on one
  const redis = await newsroom.redis();
  try {
    const key = (name: string) => `${newsroom.keyspace.appKeyPrefix}${name}`;
    if (options.rebuild) await redis.del(key('published-articles:built'), key('popular:built'));
    await eventually(async () => (await redis.exists(key('published-articles:built'), key('popular:built'))) === 2, {
      timeoutMs: options.timeoutMs ?? 180_000,
      intervalMs: 250,
      what: 'the index and ranking to be built',
    });
  } finally {
    redis.disconnect();
  }
}
