import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '@newsroom/database';
import { ALL_APPS, createStaff, NewsroomProcesses, ROOT, VarnishProcess } from '@newsroom/testing';
import { loadArchive, rebuildViewsIndex } from '../lib/archive';
import { BenchDatabase } from '../lib/bench-database';
import { startForkedServer } from '../lib/forked-server';
import { LoadResult, runLoad } from '../lib/load';
import { describeMachine } from '../lib/machine';
import { percentile } from '../lib/stats';
import { readRenderCount } from './render-counter';
import { recordAnswer } from '../lib/record-answer';
import { EdgeRun, PurgeRun, ReadTarget, writeReport } from './report';

/**
 * `npm run bench:read-path`: the readers' hot path against a bare Node server
 * sending the same bytes, in one run, 50 connections, on an archive of 100k
 * published articles and 10M views (issue 13, "Performance"): the hot article
 * page, the home page, the Populer and UPDATE lists, a 304 revalidation; a
 * purge of the hot page under load (renders, p99 through it); the same page
 * through Varnish (requests the origin saw). Writes docs/benchmarks/read-path.md.
 *
 * The archive lives in its own database (`newsroom_bench_read`) and is kept:
 * a rerun with the same size reuses it (migrated to the current schema) and
 * starts loading in seconds. Knobs, for a smoke run while developing:
 *   BENCH_ARTICLES (100000), BENCH_VIEWS (10000000)  archive size; below these (or BENCH_SECONDS below 10) the report says SMOKE RUN
 *   BENCH_SECONDS (10)           each timed load, and the purge load
 *   BENCH_VARNISH_SECONDS (30)   the load through Varnish (several s-maxage periods)
 *   BENCH_RENDER_METRIC          the site's render counter in /metrics (default: any counter naming renders)
 * e.g. `BENCH_ARTICLES=2000 BENCH_VIEWS=20000 BENCH_SECONDS=3 BENCH_VARNISH_SECONDS=5 npm run bench:read-path`.
 */
const FULL_ARTICLES = 100_000;
const FULL_VIEWS = 10_000_000;
const ARTICLES = Number(process.env.BENCH_ARTICLES ?? FULL_ARTICLES);
const VIEWS = Number(process.env.BENCH_VIEWS ?? FULL_VIEWS);
const FULL_SECONDS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? FULL_SECONDS);
const VARNISH_SECONDS = Number(process.env.BENCH_VARNISH_SECONDS ?? 30);
const RENDER_METRIC = process.env.BENCH_RENDER_METRIC || undefined;
const CONNECTIONS = 50;
/** requests each target gets before it is measured: JIT and pools warm, on both sides alike */
const WARMUP_REQUESTS = 500;
/** how long after the correction's answer the purge window runs: the cache drops a page on every replica within 1 s */
const PURGE_WINDOW_AFTER_MS = 1000;

const database = new BenchDatabase('newsroom_bench_read');

async function archiveIsThere(): Promise<boolean> {
  if (!(await database.exists())) return false;
  return database.with(async (db) => {
    const marks = await db.query<{ articles: number; views: string }>(`select articles, views::text from bench_archive`).catch(() => ({ rows: [] }));
    return marks.rows.length === 1 && marks.rows[0].articles === ARTICLES && Number(marks.rows[0].views) === VIEWS;
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) => console.log(`[bench:read-path ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);
  const reuse = await archiveIsThere();
  if (reuse) await migrateDatabase(database.url);
  else await database.create();
  log(reuse ? `reusing the archive in ${database.name}` : `building the archive in ${database.name}`);

  let newsroom: NewsroomProcesses | undefined;
  let varnish: VarnishProcess | undefined;
  const servers: { child: import('node:child_process').ChildProcess }[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'bench-read-path-'));
  // an interrupted run (Ctrl-C, below) leaves nothing behind either
  process.once('exit', () => rmSync(scratch, { recursive: true, force: true }));
  try {
    newsroom = await NewsroomProcesses.start({ apps: ALL_APPS, env: { ...database.appEnv(), LOG_LEVEL: 'warn' } });
    const origin = newsroom;
    const admin = await origin.adminClient();
    if (!reuse) {
      const adminId = (await admin.get('/users/me')).body.id as string;
      log(`loading ${ARTICLES} articles and ${VIEWS} views`);
      await database.with(async (db) => {
        await loadArchive(db, { authorId: adminId, articles: ARTICLES, views: VIEWS });
        // written last: an interrupted load is never taken for a finished one
        await db.query('create table bench_archive (articles int not null, views bigint not null)');
        await db.query('insert into bench_archive values ($1, $2)', [ARTICLES, VIEWS]);
      });
    }
    await rebuildViewsIndex(origin);
    log('views index and ranking built');

    const popular = await origin.api.get('/articles/popular?limit=1');
    const hot = popular.body?.[0] as { slug: string } | undefined;
    if (popular.status !== 200 || !hot) throw new Error(`no hot article: GET /articles/popular answered ${popular.status} ${popular.text.slice(0, 300)}`);
    const page = `/berita/${hot.slug}`;
    const first = await recordAnswer(`${origin.baseUrl}${page}`);
    if (first.status !== 200) throw new Error(`GET ${page} answered ${first.status}`);
    const etag = first.headers.etag;

    const targets: Omit<ReadTarget, 'answer' | 'bareBefore' | 'bareAfter' | 'origin'>[] = [
      { name: 'GET /berita/:slug (hot article)', path: page, kind: 'page' },
      { name: 'GET /', path: '/', kind: 'page' },
      { name: 'GET /articles/popular', path: '/articles/popular', kind: 'list' },
      { name: 'GET /articles/latest', path: '/articles/latest', kind: 'list' },
      { name: 'GET /berita/:slug, If-None-Match (304)', path: page, kind: 'revalidation', headers: etag ? { 'if-none-match': etag } : undefined },
    ];
    const answers = await Promise.all(targets.map((t) => recordAnswer(`${origin.baseUrl}${t.path}`, t.headers)));
    const answersFile = join(scratch, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers.map(({ status, headers, body }) => ({ status, headers, body }))));
    const bare = await startForkedServer('read-path/bare-server.js', [answersFile]);
    servers.push(bare);

    // a 304 only counts where the origin gives one: without an ETag the row says so instead of measuring 200s
    const measurable = targets.map((t, i) => t.kind !== 'revalidation' || (etag !== undefined && answers[i].status === 304));
    const load = (url: string, t: (typeof targets)[number], seconds = SECONDS): Promise<LoadResult> =>
      runLoad({ url, seconds, connections: CONNECTIONS, headers: t.headers, expect: t.kind === 'revalidation' ? 304 : undefined });
    const bareLoad = (i: number) => load(`${bare.url}/${i}`, targets[i]);
    for (const [i, t] of targets.entries()) {
      if (!measurable[i]) continue;
      await runLoad({ url: `${origin.baseUrl}${t.path}`, amount: WARMUP_REQUESTS, connections: CONNECTIONS, headers: t.headers });
      await runLoad({ url: `${bare.url}/${i}`, amount: WARMUP_REQUESTS, connections: CONNECTIONS });
    }

    // The bare server right before and after all of the origin's loads, held as their mean: a neighbour's load
    // coming or going during the run then moves both sides of each ratio alike.
    const bareBefore: (LoadResult | undefined)[] = [];
    for (const i of targets.keys()) bareBefore.push(measurable[i] ? await bareLoad(i) : undefined);
    const onOrigin: (LoadResult | undefined)[] = [];
    for (const [i, t] of targets.entries()) {
      onOrigin.push(measurable[i] ? await load(`${origin.baseUrl}${t.path}`, t) : undefined);
      log(`${t.name}: ${onOrigin[i] ? `${onOrigin[i]!.rps.toFixed(0)}/s p99 ${onOrigin[i]!.p99} ms` : 'not measured (no ETag or no 304)'}`);
    }
    const bareAfter: (LoadResult | undefined)[] = [];
    for (const i of targets.keys()) bareAfter.push(measurable[i] ? await bareLoad(i) : undefined);
    const reads: ReadTarget[] = targets.map((t, i) => ({ ...t, answer: { status: answers[i].status, bytes: answers[i].bytes, headers: answers[i].headers }, bareBefore: bareBefore[i], bareAfter: bareAfter[i], origin: onOrigin[i] }));

    const purge = await purgeUnderLoad(origin, page, hot.slug, admin);
    log(`purge: renders ${purge.renders ?? 'n/a'}, p99 through it ${Math.round(purge.windowP99)} ms, correction answered ${purge.correctionStatus}, note served after: ${purge.noteServed}`);

    varnish = await VarnishProcess.start({ originPort: origin.port });
    const edge = await throughVarnish(varnish, page, first.headers['cache-control']);
    log(`varnish: origin saw ${edge.originRequests} requests in ${edge.seconds} s (${edge.edge.rps.toFixed(0)}/s served)`);

    const file = join(ROOT, 'docs/benchmarks/read-path.md');
    mkdirSync(join(ROOT, 'docs/benchmarks'), { recursive: true });
    writeFileSync(
      file,
      writeReport({
        machine: describeMachine(),
        smoke: ARTICLES < FULL_ARTICLES || VIEWS < FULL_VIEWS || SECONDS < FULL_SECONDS,
        articles: ARTICLES,
        views: VIEWS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        reused: reuse,
        reads,
        purge,
        edge,
        totalSeconds: (Date.now() - started) / 1000,
      }),
    );
    log(`wrote ${file}`);
  } finally {
    await varnish?.stop();
    servers.forEach((s) => s.child.kill());
    await newsroom?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The hot page under load while an editor corrects it (a correction changes
 * the page, so every cache must drop it): how many times the origin rendered
 * it meanwhile, and the latency of the answers that came in from the
 * correction until a second after it was committed.
 */
async function purgeUnderLoad(origin: NewsroomProcesses, page: string, slug: string, admin: Awaited<ReturnType<NewsroomProcesses['adminClient']>>): Promise<PurgeRun> {
  const editor = await createStaff(admin, ['editor']);
  const article = await database.with(async (db) => (await db.query<{ id: string; version: number }>('select id, version from articles where slug = $1', [slug])).rows[0]);
  const note = `Koreksi uji beban ${new Date().toISOString()}`;
  const timeline: { at: number; latencyMs: number }[] = [];
  const renders = async () => readRenderCount((await origin.api.get('/metrics')).text, slug, RENDER_METRIC);
  const running = runLoad({ url: `${origin.baseUrl}${page}`, seconds: SECONDS, connections: CONNECTIONS, onResponse: (at, latencyMs) => timeline.push({ at, latencyMs }) });
  // the page is hot (cached, if the origin caches) for a third of the load before it changes
  await new Promise((r) => setTimeout(r, (SECONDS * 1000) / 3));
  const before = await renders();
  const correctedAt = Date.now();
  const correction = await editor.api.post(`/articles/${article.id}/corrections`, { version: article.version, note });
  const answeredAt = Date.now();
  await new Promise((r) => setTimeout(r, PURGE_WINDOW_AFTER_MS));
  const after = await renders();
  const windowEnd = Date.now();
  const result = await running;
  const inWindow = timeline.filter((t) => t.at >= correctedAt && t.at <= windowEnd).map((t) => t.latencyMs);
  const served = await origin.api.get(page);
  return {
    load: result,
    correctionStatus: correction.status,
    correctionMs: answeredAt - correctedAt,
    windowMs: windowEnd - correctedAt,
    windowAnswers: inWindow.length,
    windowP99: percentile(inWindow, 99),
    renders: before && after ? after.value - before.value : undefined,
    renderMetric: after ? `${after.metric}${after.perPage ? ' (this page)' : ' (every page: only this one was under load)'}` : undefined,
    noteServed: served.status === 200 && served.text.includes(note),
  };
}

/**
 * The hot page through a real Varnish running the project's VCL in front of
 * the origin: what the origin was asked meanwhile (Varnish's own count of
 * backend requests: only this page is loaded, health probes are not counted).
 */
async function throughVarnish(varnish: VarnishProcess, page: string, cacheControl: string | undefined): Promise<EdgeRun> {
  const url = `${varnish.baseUrl}${page}`;
  // counted from before the first request: the miss that fills the cache is one of the origin's requests
  const before = varnish.counter('MAIN.backend_req');
  await fetch(url).then((r) => r.arrayBuffer());
  const edge = await runLoad({ url, seconds: VARNISH_SECONDS, connections: CONNECTIONS });
  const originRequests = varnish.counter('MAIN.backend_req') - before;
  const last = await fetch(url);
  await last.arrayBuffer();
  const sMaxAge = /s-maxage=(\d+)/.exec(cacheControl ?? '')?.[1];
  return { edge, seconds: VARNISH_SECONDS, originRequests, cacheControl: cacheControl ?? '(none)', sMaxAge: sMaxAge === undefined ? undefined : Number(sMaxAge), lastXCache: last.headers.get('x-cache') ?? '(none)' };
}

// Ctrl-C or a kill: exit, so every harness's exit hook kills what it started (apps, Varnish, bare servers).
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
