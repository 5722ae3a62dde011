import { readRenderCount } from './render-counter';

describe('the render count read from /metrics', () => {
  it('is absent when no metric counts renders', () => {
    expect(readRenderCount('# HELP x y\nnewsroom_queue_jobs{queue="a",state="waiting"} 3\n', 'artikel-1')).toBeUndefined();
  });

  it('counts the page\'s own samples when the counter names pages', () => {
    const text = [
      '# TYPE newsroom_page_renders_total counter',
      'newsroom_page_renders_total{key="/berita/artikel-1"} 4',
      'newsroom_page_renders_total{key="/berita/artikel-10"} 9',
      'newsroom_page_renders_total{key="/"} 2',
    ].join('\n');
    expect(readRenderCount(text, 'artikel-1')).toEqual({ metric: 'newsroom_page_renders_total', perPage: true, value: 4 });
    expect(readRenderCount(text, 'tidak-ada')).toEqual({ metric: 'newsroom_page_renders_total', perPage: false, value: 15 });
  });

  it('takes a result label `render` and skips histogram buckets', () => {
    const text = [
      'newsroom_page_cache_requests_total{result="hit"} 100',
      'newsroom_page_cache_requests_total{result="render"} 7',
      'newsroom_page_render_seconds_bucket{le="0.1"} 7',
      'newsroom_page_render_seconds_sum 0.4',
    ].join('\n');
    expect(readRenderCount(text, 'x')).toEqual({ metric: 'newsroom_page_cache_requests_total', perPage: false, value: 7 });
  });

  it('reads exactly the metric it is told to', () => {
    expect(readRenderCount('a_total 1\nb_total{kind="page"} 5\n', 'x', 'b_total')).toEqual({ metric: 'b_total', perPage: false, value: 5 });
  });
});
