import { cacheKeyOf, canonicalPath } from './cache-key';

describe('the cache key of a readers\' request', () => {
  it('ignores query parameters the page does not read', () => {
    expect(cacheKeyOf('GET', '/berita/a?utm_source=x', [])).toBe('GET /berita/a');
    expect(cacheKeyOf('GET', '/berita/a?x=1234', [])).toBe(cacheKeyOf('GET', '/berita/a', []));
    expect(cacheKeyOf('GET', '/populer?utm_source=x&window=24h&fbclid=1', ['window'])).toBe('GET /populer?window=24h');
  });

  it('keeps the ones it reads, sorted, so their order does not matter', () => {
    const a = cacheKeyOf('GET', '/articles/latest?rubric=dunia&limit=5', ['limit', 'rubric', 'before']);
    const b = cacheKeyOf('GET', '/articles/latest?limit=5&rubric=dunia', ['rubric', 'limit', 'before']);
    expect(a).toBe(b);
    expect(a).toBe('GET /articles/latest?limit=5&rubric=dunia');
    expect(cacheKeyOf('GET', '/articles/latest?limit=6&rubric=dunia', ['limit', 'rubric'])).not.toBe(a);
  });

  it('keeps repeated values and tells values apart however they are encoded', () => {
    expect(cacheKeyOf('GET', '/terbaru?before=a&before=b', ['before'])).toBe('GET /terbaru?before=a&before=b');
    expect(cacheKeyOf('GET', '/terbaru?before=a%20b', ['before'])).toBe(cacheKeyOf('GET', '/terbaru?before=a+b', ['before']));
    expect(cacheKeyOf('GET', '/terbaru?before=', ['before'])).not.toBe(cacheKeyOf('GET', '/terbaru', ['before']));
  });

  it('makes one entry of every spelling of a path (unreserved characters percent-encoded or not)', () => {
    expect(cacheKeyOf('GET', '/berita/%61bc%2Dd?x=1', [])).toBe('GET /berita/abc-d');
    expect(cacheKeyOf('GET', '/%62erita/abc', [])).toBe(cacheKeyOf('GET', '/berita/abc', []));
    expect(canonicalPath('/berita/a%2fb')).toBe('/berita/a%2Fb');
    expect(canonicalPath('/berita/%c0%ae%C0%AE')).toBe('/berita/%C0%AE%C0%AE');
    // an encoded slash stays encoded: decoded, it would be another path
    expect(canonicalPath('/berita/..%2f..%2fetc')).toBe('/berita/..%2F..%2Fetc');
    expect(canonicalPath('/berita/%2e%2e')).toBe('/berita/..');
  });

  it('never mixes up methods or paths', () => {
    expect(cacheKeyOf('GET', '/rubrik/dunia', [])).not.toBe(cacheKeyOf('GET', '/rubrik/ekonomi', []));
    expect(cacheKeyOf('GET', '/', [])).not.toBe(cacheKeyOf('HEAD', '/', []));
  });
});
