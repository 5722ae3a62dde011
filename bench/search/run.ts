import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '@newsroom/database';
import { NewsroomProcesses, ROOT } from '@newsroom/testing';
import { loadArchive, viewsIndexBuilt } from '../lib/archive';
import { BenchDatabase } from '../lib/bench-database';
import { startForkedServer } from '../lib/forked-server';
import { recordAnswer } from '../lib/record-answer';
import { LoadResult, runLoad } from '../lib/load';
import { describeMachine } from '../lib/machine';
import { median, percentile } from '../lib/stats';
import { giveArticlesIndonesianText } from './search-archive';
import { archiveVocabulary } from './vocabulary';

/**
 * `npm run bench:search` (issue 18, "Performance"): on an archive of 100k
 * published articles with Indonesian-like copy (60,000 words drawn by Zipf's
 * law, bodies of 320 words):
 * - GET /articles/search unloaded (one request at a time, every one a cache
 *   miss: each query and limit asked once) over the commonest words, phrases,
 *   typos, rare words and two-word queries: p50 and p99 per kind and overall;
 * - 50 connections, distinct queries (random query and limit per request): req/s, p99;
 * - the feeds and sitemaps (cached) against a bare Node server sending the
 *   same bytes, 50 connections, the bare server before and after, ratio to their mean;
 * - the largest month's sitemap built cold (the cache dropped by a change announcement);
 * - "Berita Terkait": nothing inside a publish (the publishing UPDATE timed
 *   alone), one newsroom_related_ids query when a page is rendered (timed).
 * Writes docs/benchmarks/search.md. The archive (database newsroom_bench_search) is kept and reused.
 * Knobs: BENCH_ARTICLES (100000), BENCH_SECONDS (10); below them the report says SMOKE RUN.
 * BENCH_ONLY=search runs the searches alone (unloaded, then 50 connections)
 * and rewrites only the report's search section, saying so: a short run to
 * hold a quiet machine for while working on search. BENCH_ONLY=archive
 * builds the archive and stops.
 */
const FULL_ARTICLES = 100_000;
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? FULL_ARTICLES);
const FULL_SECONDS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? FULL_SECONDS);
const CONNECTIONS = 50;
const UNLOADED_ROUNDS = 20;
const COLD_SITEMAPS = 7;
const PUBLISHES = 25;
/** the archive's text generator's version: a change to it is a new archive */
const TEXT_VERSION = 2;
const ONLY = process.env.BENCH_ONLY ?? '';
/** the machine's 1-minute load average as the run started: how quiet it was */
const STARTING_LOAD = loadavg()[0];
if (!['', 'search', 'archive'].includes(ONLY)) throw new Error(`BENCH_ONLY=${ONLY}: expected search or archive`);

const database = new BenchDatabase('newsroom_bench_search');

interface QueryKind {
  kind: string;
  queries: string[];
}

/** Drops one letter in the middle: `pemerintah` -> `pemerntah`. */
const typo = (word: string) => word.slice(0, Math.floor(word.length / 2)) + word.slice(Math.floor(word.length / 2) + 1);

/** The unloaded query set, from the vocabulary's ranks (0 is the commonest). */
function querySet(words: string[]): QueryKind[] {
  const content = words.slice(60).filter((w) => w.length >= 6);
  return [
    { kind: 'commonest words (function words: yang, dan, di)', queries: words.slice(0, 3) },
    { kind: 'common content words', queries: content.slice(0, 4) },
    { kind: 'phrases of two common words', queries: [`"${content[0]} ${content[1]}"`, `"${words[0]} ${content[2]}"`] },
    { kind: 'typos of common words', queries: [typo(content[0]), typo(content[3]), typo(content[10])] },
    { kind: 'two words', queries: [`${content[0]} ${content[5]}`, `${content[20]} ${content[400]}`] },
    { kind: 'rare words (rank ~20,000)', queries: [words[20_000], words[20_011]] },
  ];
}

/** One GET, timed, its body read (ms). */
async function timedGet(url: string): Promise<{ ms: number; status: number; text: string; headers: Headers }> {
  const start = process.hrtime.bigint();
  const res = await fetch(url);
  const text = await res.text();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: res.status, text, headers: res.headers };
}

async function archiveIsThere(): Promise<boolean> {
  if (!(await database.exists())) return false;
  return database.with(async (db) => {
    const marks = await db.query<{ articles: number; text_version: number }>('select articles, text_version from bench_archive').catch(() => ({ rows: [] }));
    return marks.rows.length === 1 && marks.rows[0].articles === ARTICLES && marks.rows[0].text_version === TEXT_VERSION;
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[bench:search ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  const reuse = await archiveIsThere();
  if (reuse) await migrateDatabase(database.url);
  else await database.create();
  log(reuse ? `reusing the archive in ${database.name}` : `building the archive in ${database.name}`);
  const scratch = mkdtempSync(join(tmpdir(), 'bench-search-'));
  process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  let newsroom: NewsroomProcesses | undefined;
  try {
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'], env: { ...database.appEnv(), LOG_LEVEL: 'warn' } });
    const site = newsroom.baseUrl;
    if (!reuse) {
      const adminId = (await (await newsroom.adminClient()).get('/users/me')).body.id as string;
      await database.with(async (db) => {
        log(`loading ${ARTICLES} articles`);
        await loadArchive(db, { authorId: adminId, articles: ARTICLES, views: ARTICLES * 10 });
        await giveArticlesIndonesianText(db, { log: (line) => log(line) });
        await db.query('create table bench_archive (articles int not null, text_version int not null)');
        await db.query('insert into bench_archive values ($1, $2)', [ARTICLES, TEXT_VERSION]);
      });
    }
    if (ONLY === 'archive') return;
    // the views service reads the whole archive as it starts (its index of published articles): not while searches are timed
    await viewsIndexBuilt(newsroom);
    log('the views service has built its index');
    const words = archiveVocabulary();
    const corpus = await database.with(async (db) => {
      const { rows } = await db.query<{ lexicon: string; avg_words: string; months: string; largest: string; largest_count: string }>(
        `select (select count(*) from search_lexicon)::text as lexicon,
                (select avg(array_length(regexp_split_to_array(body, '\\s+'), 1))::int from (select body from articles limit 1000) b)::text as avg_words,
                (select count(distinct to_char(published_at at time zone 'Asia/Jakarta', 'YYYY-MM')) from articles where status = 'published')::text as months,
                m.month as largest, m.n::text as largest_count
           from (select to_char(published_at at time zone 'Asia/Jakarta', 'YYYY-MM') as month, count(*) as n
                   from articles where status = 'published' group by 1 order by 2 desc limit 1) m`,
      );
      return rows[0];
    });
    log(`corpus: lexicon ${corpus.lexicon} words, ~${corpus.avg_words} words a body, ${corpus.months} months, largest ${corpus.largest} (${corpus.largest_count})`);

    // 1. unloaded: each (query, limit) once, so every answer is a search, never the cache
    const kinds = querySet(words);
    for (const kind of kinds) for (const q of kind.queries) await timedGet(`${site}/articles/search?q=${encodeURIComponent(q)}&limit=9`); // warm
    const samples = new Map<string, number[]>(kinds.map((k) => [k.kind, []]));
    const found = new Map<string, number>();
    for (let round = 0; round < UNLOADED_ROUNDS; round++) {
      for (const kind of kinds) {
        for (const q of kind.queries) {
          const res = await timedGet(`${site}/articles/search?q=${encodeURIComponent(q)}&limit=${10 + round}`);
          if (res.status !== 200) throw new Error(`search "${q}" answered ${res.status}: ${res.text.slice(0, 200)}`);
          if (res.headers.get('x-origin-cache') === 'hit') throw new Error(`search "${q}" came from the cache`);
          samples.get(kind.kind)!.push(res.ms);
          if (round === 0) found.set(q, (JSON.parse(res.text) as { items: unknown[] }).items.length);
        }
      }
    }
    const all = [...samples.values()].flat();
    for (const kind of kinds) {
      const s = samples.get(kind.kind)!;
      log(`  ${kind.kind}: p50 ${median(s).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms (${kind.queries.map((q) => `${q}: ${found.get(q)}`).join(', ')})`);
    }
    log(`unloaded search: p50 ${median(all).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms over ${all.length}`);

    // 2. 50 connections, a random query and limit per request
    const loadQueries = [
      ...words.slice(60, 1060),
      ...words.slice(60, 560).filter((w) => w.length >= 6).map(typo),
      ...Array.from({ length: 300 }, (_, i) => `"${words[60 + i]} ${words[61 + i]}"`),
      ...words.slice(10_000, 10_500),
    ];
    const loaded = await runSearchLoad(`${site}/articles/search`, loadQueries);
    log(`loaded search: ${loaded.rps.toFixed(0)}/s p99 ${loaded.p99} ms`);
    if (ONLY === 'search') {
      writeSearchSection(searchSection({ kinds, samples, found, all, loaded, loadQueries: loadQueries.length }));
      log('wrote the search section of docs/benchmarks/search.md');
      return;
    }

    // 3. feeds and sitemaps, cached, against the same bytes from a bare server
    const tagSlug = await database.with(async (db) => (await db.query<{ s: string }>(`select s from articles, unnest(tag_slugs) s group by s order by count(*) desc limit 1`)).rows[0].s);
    const documents = [
      { name: 'GET /rss.xml', path: '/rss.xml' },
      { name: 'GET /rubrik/:slug/rss.xml', path: '/rubrik/rubrik-1/rss.xml' },
      { name: 'GET /tag/:slug/rss.xml (commonest tag)', path: `/tag/${tagSlug}/rss.xml` },
      { name: 'GET /sitemap.xml', path: '/sitemap.xml' },
      { name: 'GET /sitemap-news.xml', path: '/sitemap-news.xml' },
      { name: `GET /sitemaps/articles-${corpus.largest}.xml (largest month)`, path: `/sitemaps/articles-${corpus.largest}.xml` },
    ];
    const answers = await Promise.all(documents.map((d) => recordAnswer(`${site}${d.path}`)));
    answers.forEach((a, i) => {
      if (a.status !== 200) throw new Error(`${documents[i].path} answered ${a.status}`);
    });
    const answersFile = join(scratch, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers.map(({ status, headers, body }) => ({ status, headers, body }))));
    const bare = await startForkedServer('read-path/bare-server.js', [answersFile]);
    const docLoad = (url: string) => runLoad({ url, seconds: SECONDS, connections: CONNECTIONS });
    for (const [i, d] of documents.entries()) {
      await runLoad({ url: `${site}${d.path}`, amount: 200, connections: CONNECTIONS });
      await runLoad({ url: `${bare.url}/${i}`, amount: 200, connections: CONNECTIONS });
    }
    const bareBefore: LoadResult[] = [];
    for (const i of documents.keys()) bareBefore.push(await docLoad(`${bare.url}/${i}`));
    const onOrigin: LoadResult[] = [];
    for (const d of documents) {
      onOrigin.push(await docLoad(`${site}${d.path}`));
      log(`${d.name}: ${onOrigin.at(-1)!.rps.toFixed(0)}/s`);
    }
    const bareAfter: LoadResult[] = [];
    for (const i of documents.keys()) bareAfter.push(await docLoad(`${bare.url}/${i}`));
    bare.child.kill();

    // 4. the largest month's sitemap, cold: each time after an announced change has dropped it
    const cold: number[] = [];
    for (let i = 0; i < COLD_SITEMAPS; i++) {
      await newsroom.announceSiteContentChange({ kind: 'article', articleId: randomUUID(), slug: `bench-cold-${i}`, rubricSlug: 'rubrik-1' });
      await new Promise((r) => setTimeout(r, 300));
      const res = await timedGet(`${site}/sitemaps/articles-${corpus.largest}.xml`);
      if (res.status !== 200 || res.headers.get('x-origin-cache') !== 'miss') throw new Error(`cold sitemap: ${res.status} ${res.headers.get('x-origin-cache')}`);
      cold.push(res.ms);
    }
    log(`cold sitemap of ${corpus.largest}: median ${median(cold).toFixed(0)} ms, max ${Math.max(...cold).toFixed(0)} ms`);

    // 5. Berita Terkait: nothing inside a publish (no trigger, Migration20261216090000); one query when a page renders
    const related = await database.with(async (db) => {
      const { rows } = await db.query<{ id: string }>(`select id from articles where status = 'published' order by md5(id::text) limit $1`, [PUBLISHES]);
      const calls: number[] = [];
      const publishes: number[] = [];
      for (const { id } of rows) {
        let start = process.hrtime.bigint();
        await db.query('select newsroom_related_ids($1, 10)', [id]);
        calls.push(Number(process.hrtime.bigint() - start) / 1e6);
        // the UPDATE that puts an article live, rolled back: what a publish pays, with nothing of Berita Terkait in it
        await db.query('begin');
        try {
          await db.query(`update articles set status = 'approved', published_at = null where id = $1`, [id]);
          start = process.hrtime.bigint();
          await db.query(`update articles set status = 'published', published_at = now(), version = version + 1 where id = $1`, [id]);
          publishes.push(Number(process.hrtime.bigint() - start) / 1e6);
        } finally {
          await db.query('rollback');
        }
      }
      return { calls, publishes };
    });
    log(`Berita Terkait: ${median(related.calls).toFixed(1)} ms a page render (p90 ${percentile(related.calls, 90).toFixed(1)} ms); the publishing UPDATE ${median(related.publishes).toFixed(1)} ms`);

    writeReport({ corpus, kinds, samples, found, all, loaded, loadQueries: loadQueries.length, documents, answers, bareBefore, onOrigin, bareAfter, cold, related });
    log('wrote docs/benchmarks/search.md');
  } finally {
    await newsroom?.stop();
  }
}

/** 50 connections, each request a random query and limit: distinct searches, the cache rarely helps. */
function runSearchLoad(base: string, queries: string[]): Promise<LoadResult> {
  const path = new URL(base).pathname;
  return runLoad({
    url: base,
    seconds: SECONDS,
    connections: CONNECTIONS,
    requestPath: () => `${path}?q=${encodeURIComponent(queries[Math.floor(Math.random() * queries.length)])}&limit=${1 + Math.floor(Math.random() * 50)}`,
  });
}

interface SearchFigures {
  kinds: QueryKind[];
  samples: Map<string, number[]>;
  found: Map<string, number>;
  all: number[];
  loaded: LoadResult;
  loadQueries: number;
}

/** The report's search section, from its heading to the line before the next one. */
function searchSection(r: SearchFigures): string[] {
  return [
    '## GET /articles/search, unloaded',
    '',
    `One request at a time, each query asked once per limit (${UNLOADED_ROUNDS} limits), so every answer is a search and none the cache's.`,
    '',
    '| queries | matches shown (limit 10) | p50 | p99 |',
    '|---|---|---|---|',
    ...r.kinds.map((k) => {
      const s = r.samples.get(k.kind)!;
      return `| ${k.kind}: ${k.queries.map((q) => `\`${q}\``).join(', ')} | ${k.queries.map((q) => r.found.get(q)).join(', ')} | ${ms(median(s))} | ${ms(percentile(s, 99))} |`;
    }),
    `| **all ${r.all.length}** | | **${ms(median(r.all))}** (target <= 10 ms) | **${ms(percentile(r.all, 99))}** (target <= 50 ms) |`,
    '',
    `At ${CONNECTIONS} connections, each request a random one of ${r.loadQueries} queries (words of every rank, typos, phrases) and a random limit 1..50, ${SECONDS} s:`,
    `**${r.loaded.rps.toFixed(0)} req/s, p50 ${r.loaded.p50} ms, p99 ${r.loaded.p99} ms** (${r.loaded.failed} failed).`,
    '',
  ];
}

const REPORT = join(ROOT, 'docs', 'benchmarks', 'search.md');

/** BENCH_ONLY=search: the search section replaced in the last full run's report, marked as measured apart. */
function writeSearchSection(lines: string[]): void {
  const report = readFileSync(REPORT, 'utf8');
  const start = report.indexOf('## GET /articles/search, unloaded');
  const end = report.indexOf('\n## ', start + 1);
  if (start < 0 || end < 0) throw new Error(`no search section in ${REPORT}: run the whole benchmark first`);
  const at = `${new Date().toISOString().slice(11, 16)} UTC, load average ${STARTING_LOAD.toFixed(2)} as it started`;
  const note = [`(This section: BENCH_ONLY=search on ${describeMachine()}, ${at}; the rest of this report is from the last full run.)`, ''];
  writeFileSync(REPORT, report.slice(0, start) + [lines[0], '', ...note, ...lines.slice(2)].join('\n') + '\n' + report.slice(end + 1));
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`;

function writeReport(r: SearchFigures & {
  corpus: { lexicon: string; avg_words: string; months: string; largest: string; largest_count: string };
  documents: { name: string; path: string }[];
  answers: { bytes: number }[];
  bareBefore: LoadResult[];
  onOrigin: LoadResult[];
  bareAfter: LoadResult[];
  cold: number[];
  related: { calls: number[]; publishes: number[] };
}): void {
  const smoke = ARTICLES < FULL_ARTICLES || SECONDS < FULL_SECONDS ? '\n**SMOKE RUN** (smaller than the targets ask): not the figures to quote.\n' : '';
  const lines = [
    '# Search, feeds and sitemaps (`npm run bench:search`)',
    smoke,
    `Machine: ${describeMachine()}. Shared with other work while it ran: medians and ratios to a baseline measured in the same run.`,
    '',
    `Archive: ${ARTICLES.toLocaleString('en')} published articles, one a minute (${r.corpus.months} months; the largest, ${r.corpus.largest}, has ${Number(r.corpus.largest_count).toLocaleString('en')}),`,
    `Indonesian-like copy from 60,000 words drawn by Zipf's law (~${r.corpus.avg_words} words a body, 6-10 in a headline, 1-3 of 2,000 tags); the typo lexicon holds ${Number(r.corpus.lexicon).toLocaleString('en')} words.`,
    '',
    ...searchSection(r),
    '## Feeds and sitemaps against a bare Node server sending the same bytes',
    '',
    `${CONNECTIONS} connections, ${SECONDS} s each; the bare server loaded before and after all of the site's loads, the ratio against their mean.`,
    '',
    '| document | bytes | site req/s | bare req/s (before / after) | ratio (target >= 0.3x) | site p99 |',
    '|---|---|---|---|---|---|',
    ...r.documents.map((d, i) => {
      const bare = (r.bareBefore[i].rps + r.bareAfter[i].rps) / 2;
      return `| ${d.name} | ${r.answers[i].bytes.toLocaleString('en')} | ${r.onOrigin[i].rps.toFixed(0)} | ${r.bareBefore[i].rps.toFixed(0)} / ${r.bareAfter[i].rps.toFixed(0)} | **${(r.onOrigin[i].rps / bare).toFixed(2)}x** | ${r.onOrigin[i].p99} ms |`;
    }),
    '',
    `Cold sitemap of the largest month (${Number(r.corpus.largest_count).toLocaleString('en')} URLs; each time after an announced change dropped it): median **${ms(median(r.cold))}**, max ${ms(Math.max(...r.cold))} (${r.cold.map((c) => c.toFixed(0)).join(', ')} ms; target < 1 s).`,
    '',
    '## Berita Terkait',
    '',
    `Nothing of it runs inside a publish (no trigger since Migration20261216090000): the publishing UPDATE, on ${PUBLISHES} articles of the archive in rolled-back transactions, takes a median **${ms(median(r.related.publishes))}**.`,
    `It is one query (newsroom_related_ids) when an article's page is rendered, kept with the page: median **${ms(median(r.related.calls))}**, p90 ${ms(percentile(r.related.calls, 90))} over the same articles (target for the publish: < 20 ms added).`,
    '',
  ];
  mkdirSync(join(ROOT, 'docs', 'benchmarks'), { recursive: true });
  writeFileSync(REPORT, lines.join('\n'));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
