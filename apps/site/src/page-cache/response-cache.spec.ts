import { Rendered, ResponseCache } from './response-cache';

const page = (body: string, keys: string[] = [], ttlMs = 60_000): Rendered<string> => ({ value: body, keys, ttlMs });
const cache = (maxBytes = 1000) => new ResponseCache<string>({ maxBytes, sizeOf: (body) => body.length, now: () => Date.now() });

/** A render the test finishes when it likes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('the replica response cache', () => {
  it('serves the second request from the cache', async () => {
    const c = cache();
    const render = jest.fn(async () => page('<p>a</p>'));
    expect(await c.get('GET /a', render)).toEqual({ value: '<p>a</p>', hit: false });
    expect(await c.get('GET /a', render)).toEqual({ value: '<p>a</p>', hit: true });
    expect(render).toHaveBeenCalledTimes(1);
    expect(c.stats()).toMatchObject({ hits: 1, misses: 1, renders: 1, entries: 1, bytes: 8 });
  });

  it('renders once for N concurrent misses, and all of them get that render', async () => {
    const c = cache();
    const gate = deferred<Rendered<string>>();
    const render = jest.fn(() => gate.promise);
    const waiting = Array.from({ length: 50 }, () => c.get('GET /hot', render));
    gate.resolve(page('hot'));
    const answers = await Promise.all(waiting);
    expect(render).toHaveBeenCalledTimes(1);
    expect(answers.every((a) => a.value === 'hot')).toBe(true);
    expect(c.stats().renders).toBe(1);
  });

  it('does not keep a failed render: its waiters get the error, the next request renders again', async () => {
    const c = cache();
    const gate = deferred<Rendered<string>>();
    const waiting = Array.from({ length: 5 }, () => c.get('GET /x', () => gate.promise));
    gate.reject(new Error('database down'));
    for (const w of waiting) await expect(w).rejects.toThrow('database down');
    expect(c.stats()).toMatchObject({ entries: 0, renderFailures: 1 });
    const again = jest.fn(async () => page('back'));
    expect(await c.get('GET /x', again)).toEqual({ value: 'back', hit: false });
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('stays within its bytes, dropping the least recently used first', async () => {
    const c = cache(30);
    await c.get('a', async () => page('a'.repeat(10)));
    await c.get('b', async () => page('b'.repeat(10)));
    await c.get('c', async () => page('c'.repeat(10)));
    await c.get('a', async () => page('never'));
    await c.get('d', async () => page('d'.repeat(10)));
    expect(c.stats()).toMatchObject({ bytes: 30, entries: 3, evictions: 1 });
    expect(c.peek('b')).toBeUndefined();
    expect(c.peek('a')).toBe('a'.repeat(10));
    // larger than the whole cache: answered, never kept
    expect((await c.get('huge', async () => page('h'.repeat(31)))).value).toHaveLength(31);
    expect(c.peek('huge')).toBeUndefined();
    expect(c.stats().bytes).toBeLessThanOrEqual(30);
  });

  it('drops exactly the entries holding a surrogate key', async () => {
    const c = cache();
    await c.get('GET /berita/a', async () => page('a', ['article-1', 'rubric-dunia', 'rubrics']));
    await c.get('GET /berita/b', async () => page('b', ['article-2', 'rubric-dunia', 'rubrics']));
    await c.get('GET /rubrik/dunia', async () => page('r', ['rubric-dunia', 'rubrics']));
    expect(c.dropKeys(['article-1'])).toBe(1);
    expect(c.peek('GET /berita/a')).toBeUndefined();
    expect(c.peek('GET /berita/b')).toBe('b');
    expect(c.dropKeys(['rubric-dunia', 'home'])).toBe(2);
    expect(c.stats().entries).toBe(0);
    expect(c.dropKeys(['article-2'])).toBe(0);
  });

  it('expires each entry after its own time', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const c = cache();
      await c.get('404', async () => page('not found', [], 5_000));
      await c.get('page', async () => page('page', [], 60_000));
      jest.setSystemTime(1_000_000 + 5_001);
      expect(c.peek('404')).toBeUndefined();
      expect(c.peek('page')).toBe('page');
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not keep a render that was under way when its content was dropped, and renders afresh for later requests', async () => {
    const c = cache();
    const old = deferred<Rendered<string>>();
    const before = c.get('GET /berita/a', () => old.promise);
    c.dropKeys(['article-1']);
    const fresh = jest.fn(async () => page('new', ['article-1']));
    const after = c.get('GET /berita/a', fresh);
    old.resolve(page('old', ['article-1']));
    expect((await before).value).toBe('old');
    expect((await after).value).toBe('new');
    expect(c.peek('GET /berita/a')).toBe('new');
  });

  it('keeps a value rendered elsewhere only if nothing was dropped since that render began', () => {
    const c = cache();
    const before = c.dropsSoFar;
    c.keepUnlessDropped('GET /berita/x', page('404', ['missing-x']), before);
    expect(c.peek('GET /berita/x')).toBe('404');
    const started = c.dropsSoFar;
    c.dropKeys(['missing-x']);
    c.keepUnlessDropped('GET /berita/x', page('stale 404', ['missing-x']), started);
    expect(c.peek('GET /berita/x')).toBeUndefined();
  });

  it('lets a render under way be when other content is dropped meanwhile', async () => {
    const c = cache();
    const gate = deferred<Rendered<string>>();
    const render = jest.fn(() => gate.promise);
    const first = c.get('GET /berita/a', render);
    c.dropKeys(['article-2', 'home']);
    const second = c.get('GET /berita/a', render);
    gate.resolve(page('a', ['article-1']));
    expect((await first).value).toBe('a');
    expect((await second).value).toBe('a');
    expect(render).toHaveBeenCalledTimes(1);
    expect(c.peek('GET /berita/a')).toBe('a');
  });

  it('forgets everything on request', async () => {
    const c = cache();
    await c.get('a', async () => page('a'));
    c.dropAll();
    expect(c.stats()).toMatchObject({ entries: 0, bytes: 0 });
  });

  describe('after a change (not a take-down)', () => {
    let clock = 0;
    const graceful = () => new ResponseCache<string>({ maxBytes: 1000, sizeOf: (body) => body.length, now: () => clock, staleGraceMs: 1000 });
    beforeEach(() => (clock = 1_000));

    it('answers with the page from before while its one refresh renders, then with the new one', async () => {
      const c = graceful();
      await c.get('GET /berita/a', async () => page('old', ['article-1']));
      c.dropKeys(['article-1'], 'changed');
      // nothing under way yet: the fast path (peek) leaves it to get(), which starts the refresh
      expect(c.peek('GET /berita/a')).toBeUndefined();
      const gate = deferred<Rendered<string>>();
      const render = jest.fn(() => gate.promise);
      const readers = await Promise.all(Array.from({ length: 20 }, () => c.get('GET /berita/a', render)));
      expect(readers.every((r) => r.value === 'old' && r.hit)).toBe(true);
      expect(c.peek('GET /berita/a')).toBe('old');
      expect(render).toHaveBeenCalledTimes(1);
      gate.resolve(page('new', ['article-1']));
      await gate.promise;
      await Promise.resolve();
      expect(c.peek('GET /berita/a')).toBe('new');
      expect(c.stats()).toMatchObject({ renders: 2, staleServed: 21 });
    });

    it('no longer than the grace: past it, readers wait for the render', async () => {
      const c = graceful();
      await c.get('GET /berita/a', async () => page('old', ['article-1']));
      c.dropKeys(['article-1'], 'changed');
      const slow = deferred<Rendered<string>>();
      expect((await c.get('GET /berita/a', () => slow.promise)).value).toBe('old');
      clock += 1001;
      expect(c.peek('GET /berita/a')).toBeUndefined();
      const waiting = c.get('GET /berita/a', async () => page('never'));
      slow.resolve(page('new', ['article-1']));
      expect(await waiting).toEqual({ value: 'new', hit: false });
    });

    it('drops at once the values it is told have no grace', async () => {
      const c = graceful();
      await c.get('GET /berita/a', async () => page('page', ['article-1']));
      await c.get('GET /articles/a', async () => page('{"json":1}', ['article-1']));
      c.dropKeys(['article-1'], 'changed', (value) => !value.startsWith('{'));
      expect(await c.get('GET /articles/a', async () => page('{"json":2}', ['article-1']))).toEqual({ value: '{"json":2}', hit: false });
      expect((await c.get('GET /berita/a', async () => page('new page', ['article-1']))).value).toBe('page');
    });

    it('drops at once for a take-down', async () => {
      const c = graceful();
      await c.get('GET /berita/a', async () => page('old', ['article-1']));
      c.dropKeys(['article-1'], 'gone');
      expect(await c.get('GET /berita/a', async () => page('404', ['article-1'], 0))).toEqual({ value: '404', hit: false });
    });

    it('does not keep a refresh that a second change overtook; the next reader starts another', async () => {
      const c = graceful();
      await c.get('GET /berita/a', async () => page('v1', ['article-1']));
      c.dropKeys(['article-1'], 'changed');
      const first = deferred<Rendered<string>>();
      await c.get('GET /berita/a', () => first.promise);
      c.dropKeys(['article-1'], 'changed');
      first.resolve(page('v2', ['article-1']));
      await first.promise;
      await Promise.resolve();
      const second = jest.fn(async () => page('v3', ['article-1']));
      expect((await c.get('GET /berita/a', second)).value).toBe('v1');
      await Promise.resolve();
      await Promise.resolve();
      expect(second).toHaveBeenCalledTimes(1);
      expect(c.peek('GET /berita/a')).toBe('v3');
    });

    it('ends the page from before when its refresh finds nothing to keep', async () => {
      const c = graceful();
      await c.get('GET /berita/a', async () => page('old', ['article-1']));
      c.dropKeys(['article-1'], 'changed');
      const gate = deferred<Rendered<string>>();
      await c.get('GET /berita/a', () => gate.promise);
      gate.resolve(page('404', ['article-1'], 0));
      await gate.promise;
      await Promise.resolve();
      expect(c.peek('GET /berita/a')).toBeUndefined();
      expect(c.stats().entries).toBe(0);
    });

    it('keeps a failed refresh from ending the page from before: the next reader tries again', async () => {
      const c = graceful();
      await c.get('GET /berita/a', async () => page('old', ['article-1']));
      c.dropKeys(['article-1'], 'changed');
      const gate = deferred<Rendered<string>>();
      await c.get('GET /berita/a', () => gate.promise);
      gate.reject(new Error('database down'));
      await gate.promise.catch(() => undefined);
      await Promise.resolve();
      const retry = jest.fn(async () => page('new', ['article-1']));
      expect((await c.get('GET /berita/a', retry)).value).toBe('old');
      expect(retry).toHaveBeenCalledTimes(1);
    });
  });
});
