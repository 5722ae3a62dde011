/**
 * How many times the gateway rendered a page, read from its Prometheus text
 * (/metrics). The page cache names its own metric; rather than hard-wire a
 * name this benchmark takes any counter whose name says `render` (or whose
 * samples carry a label value `render`), or exactly `metric` when given
 * (BENCH_RENDER_METRIC). When some samples name the page (a label holding its
 * slug) only those count; otherwise every render counts, which during the
 * purge window is that page's, the only one under load.
 */
export interface RenderCount {
  metric: string;
  /** whether the samples counted named the page, or were every render */
  perPage: boolean;
  value: number;
}

interface Sample {
  name: string;
  labels: string;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;

function samples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => SAMPLE.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1], labels: m[2] ?? '', value: Number(m[3]) }))
    .filter((s) => Number.isFinite(s.value));
}

export function readRenderCount(metricsText: string, slug: string, metric?: string): RenderCount | undefined {
  const all = samples(metricsText);
  const isRender = (s: Sample) => (metric ? s.name === metric : /render/i.test(s.name) || /="render"/i.test(s.labels));
  // a histogram of render times has _bucket/_sum series: only its _count (or a plain counter) counts renders
  const renders = all.filter((s) => isRender(s) && !/_(bucket|sum)$/.test(s.name));
  if (renders.length === 0) return undefined;
  const names = new Set(renders.map((s) => s.name));
  const name = [...names].find((n) => n.endsWith('_total')) ?? [...names][0];
  const family = renders.filter((s) => s.name === name);
  // a label value that is the slug or ends with it (`/berita/<slug>`), not one that merely starts with it
  const namesPage = new RegExp(`="(?:[^"]*/)?${slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`);
  const ofPage = family.filter((s) => namesPage.test(s.labels));
  const counted = ofPage.length > 0 ? ofPage : family;
  return { metric: name, perPage: ofPage.length > 0, value: counted.reduce((sum, s) => sum + s.value, 0) };
}
