import type { LoadResult } from '../lib/load';

export interface ReadTarget {
  name: string;
  path: string;
  kind: 'page' | 'list' | 'revalidation';
  headers?: Record<string, string>;
  /** the site's answer, recorded once and replayed by the bare server */
  answer: { status: number; bytes: number; headers: Record<string, string> };
  /** undefined: not measured (a revalidation without an ETag or a 304 to get) */
  bareBefore?: LoadResult;
  bareAfter?: LoadResult;
  origin?: LoadResult;
}

export interface PurgeRun {
  load: LoadResult;
  correctionStatus: number;
  correctionMs: number;
  windowMs: number;
  windowAnswers: number;
  windowP99: number;
  /** undefined: the site's /metrics has no render counter */
  renders?: number;
  renderMetric?: string;
  noteServed: boolean;
}

export interface EdgeRun {
  edge: LoadResult;
  seconds: number;
  originRequests: number;
  cacheControl: string;
  sMaxAge?: number;
  lastXCache: string;
}

export interface Report {
  machine: string;
  smoke: boolean;
  articles: number;
  views: number;
  seconds: number;
  connections: number;
  reused: boolean;
  reads: ReadTarget[];
  purge: PurgeRun;
  edge: EdgeRun;
  totalSeconds: number;
}

/** issue 13's targets: the ratio to the bare server and the p99 each kind of answer must reach */
export const TARGETS = {
  page: { ratio: 0.3, p99: 20 },
  list: { ratio: 0.3, p99: 10 },
  revalidation: { ratio: 0.5, p99: undefined },
} as const;
export const PURGE_TARGET = { renders: 1, p99: 50 };

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const bareMean = (t: ReadTarget) => (t.bareBefore && t.bareAfter ? (t.bareBefore.rps + t.bareAfter.rps) / 2 : NaN);

/** The origin requests the edge may make: the first miss, then at most one refresh per s-maxage. */
export function allowedOriginRequests(seconds: number, sMaxAge: number | undefined): number | undefined {
  if (sMaxAge === undefined || sMaxAge <= 0) return undefined;
  return 1 + Math.floor(seconds / sMaxAge);
}

function readRow(t: ReadTarget): string {
  const target = TARGETS[t.kind];
  const goal = `>= ${target.ratio}x${target.p99 ? `, p99 <= ${target.p99} ms` : ''}`;
  if (!t.origin || !t.bareBefore || !t.bareAfter) {
    return `| ${t.name} | not measured: the first answer ${t.headers ? `to If-None-Match gave ${t.answer.status}` : 'had no ETag'} | | | | | | ${goal} | **missed** |`;
  }
  const ratio = t.origin.rps / bareMean(t);
  const ok = ratio >= target.ratio && (target.p99 === undefined || t.origin.p99 <= target.p99) && t.origin.failed === 0;
  return (
    `| ${t.name} | ${int(t.answer.bytes)} | ${int(t.bareBefore.rps)} / ${int(t.bareAfter.rps)} | ${int(t.origin.rps)} | ${ratio.toFixed(3)}x | ` +
    `${t.origin.p50} / ${t.origin.p99} | ${t.origin.failed} | ${goal} | ${verdict(ok)} |`
  );
}

/** docs/benchmarks/read-path.md: the figures, the targets and whether each was met. */
export function writeReport(r: Report): string {
  const { purge, edge } = r;
  const allowed = allowedOriginRequests(edge.seconds, edge.sMaxAge);
  const edgeOk = allowed !== undefined && edge.originRequests <= allowed;
  const rendersOk = purge.renders === PURGE_TARGET.renders;
  const purgeP99Ok = purge.windowP99 < PURGE_TARGET.p99;
  const headerOf = (t: ReadTarget) => `| ${t.name} | ${t.answer.status} | ${t.answer.headers['cache-control'] ?? '(none)'} | ${t.answer.headers.etag ?? '(none)'} | ${t.answer.headers['surrogate-key'] ?? '(none)'} |`;
  return `# Read path: \`npm run bench:read-path\`

${
  r.smoke
    ? `> **SMOKE RUN at reduced scale (${int(r.articles)} articles, ${int(r.views)} views, ${r.seconds} s loads): it proves the harness works; these are NOT the real figures.** The real run uses the defaults (100,000 articles, 10,000,000 views, 10 s loads).\n\n`
    : ''
}Machine: ${r.machine}. Written by \`bench/read-path/run.ts\` in ${int(r.totalSeconds)} s${r.reused ? ' (archive reused from an earlier run)' : ''}.

## Method

- Archive: ${int(r.articles)} published articles over 5 rubrics and ${int(r.views)} counted views, in the database
  \`newsroom_bench_read\` (kept between runs and reused when its size matches). Every app runs from \`dist/\` as its own
  process (\`NewsroomProcesses\`): one site replica (the readers' app, the origin every load here reads from) with the
  gateway behind it as in \`npm start\`, the per-address limits out of reach (all requests come from 127.0.0.1). The hot article is the first of \`GET /articles/popular\`.
- Baseline: a bare Node \`http\` server (\`bench/read-path/bare-server.ts\`, own process) replaying each measured answer
  byte for byte (status, headers, body), recorded once from the site. It is measured right before and right after all
  of the site's loads; each ratio is against the mean of the two, because this machine is noisy.
- Loads: autocannon's programmatic API, ${r.connections} connections, ${r.seconds} s each, after 500 warm-up requests
  on both sides. req/s counts only the expected answers (200, or 304 for the revalidation); any other answer is in
  "failed" and fails the target.
- Purge: the hot page under the same load; a third of the way in, an editor corrects the article
  (\`POST /articles/:id/corrections\`, through the origin to the gateway), which changes the page and must drop it from
  every cache. Renders are read from the site's \`/metrics\` just before the correction and a second after its answer; the p99 is over the answers that
  came in during that window.
- Edge: a real Varnish (\`VarnishProcess\`, \`deploy/varnish/default.vcl\` unchanged) in front of the site, the hot page
  under the same load for ${edge.seconds} s; the origin's requests are Varnish's own count (\`varnishstat\`
  \`MAIN.backend_req\`; only that page is loaded, health probes are not counted), from before the first request.

## Results

| load | bytes | bare req/s (before / after) | site req/s | ratio | p50 / p99 ms | failed | target | verdict |
|---|---|---|---|---|---|---|---|---|
${r.reads.map(readRow).join('\n')}

### Purge of the hot page under load

| measure | result | target | verdict |
|---|---|---|---|
| renders of the page on the replica during the purge | ${purge.renders ?? 'n/a (no render counter)'}${purge.renderMetric ? ` (\`${purge.renderMetric}\`)` : ''} | = ${PURGE_TARGET.renders} | ${purge.renders === undefined ? '**not measured**' : verdict(rendersOk)} |
| p99 through the purge (${int(purge.windowAnswers)} answers in ${int(purge.windowMs)} ms) | ${Math.round(purge.windowP99)} ms | < ${PURGE_TARGET.p99} ms | ${verdict(purgeP99Ok)} |
| the correction | ${purge.correctionStatus} in ${int(purge.correctionMs)} ms; the page then showed the note: ${purge.noteServed ? 'yes' : '**no**'} | 200, note shown | ${verdict(purge.correctionStatus === 200 && purge.noteServed)} |
| the whole purge load | ${int(purge.load.rps)} req/s, p50 ${purge.load.p50} / p99 ${purge.load.p99} ms, ${purge.load.failed} failed | | |

### Through Varnish

| measure | result | target | verdict |
|---|---|---|---|
| requests the origin saw for the hot page in ${edge.seconds} s | ${int(edge.originRequests)} (s-maxage: ${edge.sMaxAge ?? 'none'}) | <= 1 per s-maxage${allowed !== undefined ? ` (${allowed})` : ''} | ${verdict(edgeOk)} |
| served by Varnish | ${int(edge.edge.rps)} req/s, p50 ${edge.edge.p50} / p99 ${edge.edge.p99} ms, ${edge.edge.failed} failed; \`X-Cache\` after the load: ${edge.lastXCache} | | |

### What the site answered (recorded once, replayed by the bare server)

| load | status | Cache-Control | ETag | Surrogate-Key |
|---|---|---|---|---|
${r.reads.map(headerOf).join('\n')}
`;
}
