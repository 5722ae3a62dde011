import { ApiClient, createStaff, ensureRubric, NewsroomProcesses, queryTestDatabase, resetDatabase, seedArticleInput, Staff } from '@newsroom/testing';

/** Bad input is answered with the right 4xx in the contract's shape, and nothing is stored. */
describe('bad input', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;

  const countArticles = async () => (await queryTestDatabase<{ n: number }>('select count(*)::int as n from articles'))[0].n;
  const countUsers = async () => (await queryTestDatabase<{ n: number }>('select count(*)::int as n from users'))[0].n;
  const countRubrics = async () => (await queryTestDatabase<{ n: number }>('select count(*)::int as n from rubrics'))[0].n;
  const expectErrorShape = (body: unknown, statusCode: number) =>
    expect(body).toEqual(expect.objectContaining({ statusCode, error: expect.any(String), message: expect.anything() }));

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
  });
  afterAll(() => newsroom?.stop());

  it.each([
    ['malformed JSON', '{"headline": "Tanpa penutup"', 400],
    ['an unknown field', { ...seedArticleInput(), sponsor: 'PT Iklan' }, 400],
    ['a missing headline', { ...seedArticleInput(), headline: undefined }, 400],
    ['a missing body', { ...seedArticleInput(), body: undefined }, 400],
    ['a number for a headline', { ...seedArticleInput(), headline: 42 }, 400],
    ['tags that are not a list', { ...seedArticleInput(), tags: 'dunia' }, 400],
    ['a headline of 201 characters', { ...seedArticleInput(), headline: 'a'.repeat(201) }, 400],
    ['a blank headline', { ...seedArticleInput(), headline: '   ' }, 400],
    ['an unknown priority', { ...seedArticleInput(), priority: 'urgent' }, 400],
    ['an image without a URL', { ...seedArticleInput(), image: { caption: 'x', credit: 'Net' } }, 400],
    ['a javascript: image URL', { ...seedArticleInput(), image: { url: 'javascript:alert(1)', caption: 'x', credit: 'Net' } }, 400],
    ['an unknown rubric', { ...seedArticleInput(), rubric: 'gosip' }, 400],
    ['an embargo that is not a time', { ...seedArticleInput(), embargoUntil: 'besok pagi' }, 400],
    ['a body that is only a script', { ...seedArticleInput(), body: '<script>alert(1)</script>' }, 400],
    ['a JSON array instead of an object', [seedArticleInput()], 400],
  ])('POST /drafts with %s -> %d, nothing stored', async (_, payload, status) => {
    const before = await countArticles();
    const res = await reporter.api.request('POST', '/drafts', payload);
    expect(res.status).toBe(status);
    expectErrorShape(res.body, status);
    expect(res.text).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(await countArticles()).toBe(before);
  });

  it.each([
    ['a name of spaces only', '   '],
    ['a name of tabs and line breaks only', '\t\n '],
    ['an empty name', ''],
    ['a name of 201 characters once trimmed', ` ${'a'.repeat(201)} `],
  ])('POST /users with %s -> 400, nobody stored', async (_, name) => {
    const before = await countUsers();
    const res = await admin.post('/users', { email: `blank-${Math.random().toString(36).slice(2, 8)}@newsroom.test`, name, password: 'kata-sandi-panjang', roles: ['reporter'] });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400);
    expect(res.body.message).toEqual([expect.stringMatching(/^name /)]);
    expect(await countUsers()).toBe(before);
  });

  it('stores a user\'s name without the spaces around it, and counts its length without them', async () => {
    const res = await admin.post('/users', { email: 'spasi@newsroom.test', name: '  Bima Prasetyo \t', password: 'kata-sandi-panjang', roles: ['reporter'] });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe('Bima Prasetyo');
    expect((await queryTestDatabase<{ name: string }>('select name from users where id = $1', [res.body.id]))[0].name).toBe('Bima Prasetyo');
    const longest = await admin.post('/users', { email: 'panjang@newsroom.test', name: ` ${'a'.repeat(200)} `, password: 'kata-sandi-panjang', roles: ['reporter'] });
    expect(longest.status).toBe(201);
    expect(longest.body.name).toBe('a'.repeat(200));
  });

  it.each([
    ['a name of spaces only', '   '],
    ['an empty name', ''],
    ['a name of 121 characters once trimmed', ` ${'a'.repeat(121)} `],
  ])('POST /rubrics with %s -> 400, no rubric stored', async (_, name) => {
    const before = await countRubrics();
    const res = await admin.post('/rubrics', { slug: `kosong-${Math.random().toString(36).slice(2, 8)}`, name });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400);
    expect(res.body.message).toEqual([expect.stringMatching(/^name /)]);
    expect(await countRubrics()).toBe(before);
  });

  it('refuses a body over the limit with 413 and accepts a 1 MiB draft', async () => {
    const before = await countArticles();
    const huge = await reporter.api.post('/drafts', { ...seedArticleInput(), body: `<p>${'kata '.repeat(700_000)}</p>` });
    expect(huge.status).toBe(413);
    expectErrorShape(huge.body, 413);
    expect(await countArticles()).toBe(before);

    const oneMiB = `<p>${'kabar '.repeat(Math.ceil((1024 * 1024) / 6))}</p>`;
    const big = await reporter.api.post('/drafts', { ...seedArticleInput(), headline: 'Draf Panjang Sekali', body: oneMiB });
    expect(big.status).toBe(201);
  });

  it('stores hostile HTML sanitized: no script, no event handler, no javascript: link', async () => {
    const res = await reporter.api.post('/drafts', {
      ...seedArticleInput(),
      headline: 'Uji Keamanan Naskah',
      body: '<h2>Judul</h2><p onmouseover="steal()">Isi <em>penting</em><script>alert(1)</script></p><a href="javascript:alert(2)">tautan</a><img src=x onerror=alert(3)><ul><li>satu</li></ul><blockquote>kutipan</blockquote>',
    });
    expect(res.status).toBe(201);
    const stored = (await queryTestDatabase<{ body: string }>('select body from articles where id = $1', [res.body.id]))[0].body;
    for (const html of [res.body.body, stored]) {
      expect(html).not.toMatch(/<script|onmouseover|onerror|javascript:|<img/i);
      expect(html).toContain('<h2>Judul</h2>');
      expect(html).toContain('<em>penting</em>');
      expect(html).toContain('<ul><li>satu</li></ul>');
      expect(html).toContain('<blockquote>kutipan</blockquote>');
    }
  });

  it('answers unknown routes, wrong ids and bad queries in the JSON error shape', async () => {
    const cases = [
      await newsroom.api.get('/tidak-ada'),
      await reporter.api.get('/drafts/bukan-uuid'),
      await reporter.api.get('/drafts/00000000-0000-4000-8000-000000000000'),
      await newsroom.api.get('/articles/latest?limit=0'),
      await newsroom.api.get('/articles/latest?limit=101'),
      await newsroom.api.get('/articles/popular?window=1y'),
      await reporter.api.get('/drafts?status=terbit'),
    ];
    expect(cases.map((c) => c.status)).toEqual([404, 404, 404, 400, 400, 400, 400]);
    for (const res of cases) expectErrorShape(res.body, res.status);
  });

  it('refuses bad view beacons: neither or both ids, oversized batches', async () => {
    expect((await newsroom.api.post('/views', {})).status).toBe(400);
    expect((await newsroom.api.post('/views', { slug: 'a', articleId: '00000000-0000-4000-8000-000000000000' })).status).toBe(400);
    expect((await newsroom.api.post('/views/batch', Array.from({ length: 501 }, () => ({ slug: 'a' })))).status).toBe(400);
    expect((await newsroom.api.post('/views/batch', { slug: 'a' })).status).toBe(400);
  });
});
