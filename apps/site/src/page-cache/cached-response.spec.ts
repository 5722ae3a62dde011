import { cachedResponse, isNotModified } from './cached-response';

const page = cachedResponse({
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body: '<p>halo</p>',
  lastModified: Date.parse('2026-02-21T17:10:00.750Z'),
  cacheControl: 'public, max-age=5',
  surrogateKeys: ['article-1'],
});

describe('a kept response\'s validators', () => {
  it('has a strong ETag of the body and a Last-Modified in whole seconds', () => {
    expect(page.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(cachedResponse({ ...page, body: '<p>halo</p>' }).etag).toBe(page.etag);
    expect(cachedResponse({ ...page, body: '<p>hai</p>' }).etag).not.toBe(page.etag);
    expect(new Date(page.lastModified).toISOString()).toBe('2026-02-21T17:10:00.000Z');
  });

  it('is not modified for its ETag (also weak, in a list, or *), modified for another', () => {
    expect(isNotModified({ 'if-none-match': page.etag }, page)).toBe(true);
    expect(isNotModified({ 'if-none-match': `"x", W/${page.etag}` }, page)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, page)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"other"' }, page)).toBe(false);
    // If-None-Match decides over If-Modified-Since
    expect(isNotModified({ 'if-none-match': '"other"', 'if-modified-since': 'Sat, 21 Feb 2026 17:10:00 GMT' }, page)).toBe(false);
  });

  it('is not modified since its Last-Modified or later, modified before it, and ignores a bad date', () => {
    expect(isNotModified({ 'if-modified-since': 'Sat, 21 Feb 2026 17:10:00 GMT' }, page)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Sat, 21 Feb 2026 18:00:00 GMT' }, page)).toBe(true);
    expect(isNotModified({ 'if-modified-since': 'Sat, 21 Feb 2026 17:09:59 GMT' }, page)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'kemarin' }, page)).toBe(false);
    expect(isNotModified({}, page)).toBe(false);
  });

  it('never answers 304 for a 404', () => {
    const missing = cachedResponse({ ...page, status: 404 });
    expect(isNotModified({ 'if-none-match': missing.etag }, missing)).toBe(false);
  });
});
