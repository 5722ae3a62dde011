import { randomBytes } from 'node:crypto';
import {
  ApiClient,
  createStaff,
  ensureRubric,
  eventually,
  insertArticle,
  NewsroomProcesses,
  queryTestDatabase,
  resetDatabase,
  Staff,
} from '@newsroom/testing';

/**
 * The readers' API against rows put straight into Postgres: published articles
 * at known times, view counts in known hours. What it checks is what the site
 * shows: the UPDATE list, the Populer list and the article page.
 */
describe('public read API (gateway and views processes, real Postgres and Redis)', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let reporter: Staff;
  let adminId: string;
  const suffix = randomBytes(2).toString('hex');
  const minutesBefore = (base: string, minutes: number) => new Date(Date.parse(base) - minutes * 60_000);
  const NEWEST = '2026-02-21T17:10:00Z';

  /** A published article (or another status) at a known time. */
  async function article(headline: string, options: { rubric?: string; publishedAt?: Date; status?: string } = {}) {
    return insertArticle({
      authorId: reporter.id,
      status: options.status ?? 'published',
      rubricSlug: options.rubric ?? 'dunia',
      headline: `${headline} ${suffix}`,
      publishedAt: options.publishedAt ?? null,
    });
  }

  /** Views counted in the hour that began `hoursAgo` hours before now (and added to the all-time total). */
  async function viewsHoursAgo(articleId: string, hoursAgo: number, views: number) {
    await queryTestDatabase(
      `insert into article_view_hours (article_id, hour, views) values ($1, date_trunc('hour', now() - $2 * interval '1 hour'), $3)`,
      [articleId, hoursAgo, views],
    );
    await queryTestDatabase(
      `insert into article_view_totals (article_id, views) values ($1, $2)
       on conflict (article_id) do update set views = article_view_totals.views + excluded.views`,
      [articleId, views],
    );
  }

  // The data set every test reads: seven published articles minutes apart (two at the same
  // moment), one in another rubric, the seed article of 5 December 2024, and articles the
  // public must never see.
  let a: Record<'p1' | 'p2' | 'p3' | 'twinA' | 'twinB' | 'sport' | 'seed', { id: string; slug: string }>;
  let hidden: { id: string; slug: string }[];

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'] });
    admin = await newsroom.adminClient();
    adminId = (await admin.get('/users/me')).body.id;
    await ensureRubric(admin, 'dunia', 'Dunia');
    await ensureRubric(admin, 'olahraga', 'Olahraga');
    reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    a = {
      p1: await article('Harga Beras Turun Jelang Panen Raya', { publishedAt: minutesBefore(NEWEST, 0) }),
      sport: await article('Timnas Menang Tipis di Laga Tandang', { rubric: 'olahraga', publishedAt: minutesBefore(NEWEST, 10) }),
      p2: await article('Banjir Rob Rendam Pesisir Utara', { publishedAt: minutesBefore(NEWEST, 20) }),
      twinA: await article('Gempa Kecil Guncang Selatan Jawa', { publishedAt: minutesBefore(NEWEST, 30) }),
      twinB: await article('Jalur Mudik Mulai Dipadati Kendaraan', { publishedAt: minutesBefore(NEWEST, 30) }),
      p3: await article('Pameran Batik Tarik Ribuan Pengunjung', { publishedAt: minutesBefore(NEWEST, 40) }),
      seed: await article('Pakta Pertahanan Korut-Rusia Mulai Berlaku', { publishedAt: new Date('2024-12-05T09:38:00Z') }),
    };
    hidden = [
      await article('Draf Yang Belum Selesai', { status: 'draft' }),
      await article('Artikel Yang Ditarik', { status: 'unpublished', publishedAt: minutesBefore(NEWEST, 5) }),
      await article('Artikel Terjadwal', { status: 'scheduled' }),
      await article('Menunggu Persetujuan', { status: 'in_review' }),
    ];
  });
  afterAll(() => newsroom?.stop());

  const slugs = (list: { slug: string }[]) => list.map((item) => item.slug);

  describe('GET /articles/latest (the UPDATE list)', () => {
    it('lists published articles only, newest first, ties by id, ten by default', async () => {
      const res = await newsroom.api.get('/articles/latest');
      expect(res.status).toBe(200);
      const twins = [a.twinA, a.twinB].sort((x, y) => (x.id < y.id ? 1 : -1));
      expect(slugs(res.body)).toEqual(slugs([a.p1, a.sport, a.p2, ...twins, a.p3, a.seed]));
      expect(res.body[0]).toEqual({
        id: a.p1.id,
        slug: a.p1.slug,
        headline: `Harga Beras Turun Jelang Panen Raya ${suffix}`,
        lead: 'Teras berita.',
        rubric: { slug: 'dunia', name: 'Dunia' },
        author: { name: 'Hani Fatunnisa' },
        authors: [{ name: 'Hani Fatunnisa' }],
        image: null,
        publishedAt: '2026-02-21T17:10:00.000Z',
        // the side lists show the time without the zone label
        publishedAtDisplay: 'Minggu, 22 Februari 2026 | 00:10 WIB',
        publishedAtShort: 'Minggu, 22 Februari 2026 | 00:10',
        views: 0,
        cursor: expect.any(String),
      });
      for (const h of hidden) expect(slugs(res.body)).not.toContain(h.slug);
    });

    it('filters by rubric; an unknown rubric is a 404', async () => {
      const sport = await newsroom.api.get('/articles/latest?rubric=olahraga');
      expect(sport.status).toBe(200);
      expect(slugs(sport.body)).toEqual([a.sport.slug]);
      const dunia = await newsroom.api.get('/articles/latest?rubric=dunia&limit=100');
      expect(slugs(dunia.body)).not.toContain(a.sport.slug);
      expect(dunia.body).toHaveLength(6);
      const unknown = await newsroom.api.get('/articles/latest?rubric=tidak-ada');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    });

    it('takes a limit of 1 to 100 and refuses anything else with 400', async () => {
      expect((await newsroom.api.get('/articles/latest?limit=1')).body).toHaveLength(1);
      expect((await newsroom.api.get('/articles/latest?limit=100')).status).toBe(200);
      for (const bad of ['0', '101', '-3', 'abc', '2.5']) {
        const res = await newsroom.api.get(`/articles/latest?limit=${bad}`);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      }
      expect((await newsroom.api.get('/articles/latest?sort=old')).status).toBe(400);
    });

    it('pages with the cursor of the last item, through equal timestamps, without skipping or repeating', async () => {
      const all = (await newsroom.api.get('/articles/latest?limit=100')).body;
      const paged: { slug: string }[] = [];
      let before = '';
      for (let page = 0; page < 10; page++) {
        const res = await newsroom.api.get(`/articles/latest?limit=2${before && `&before=${encodeURIComponent(before)}`}`);
        expect(res.status).toBe(200);
        if (res.body.length === 0) break;
        paged.push(...res.body);
        before = res.body[res.body.length - 1].cursor;
      }
      expect(slugs(paged)).toEqual(slugs(all));
    });

    it('also pages by time: strictly before an ISO time; a bad cursor is a 400', async () => {
      const res = await newsroom.api.get(`/articles/latest?before=${encodeURIComponent('2026-02-22T00:00:00+07:00')}`);
      expect(slugs(res.body)).toEqual(slugs((await newsroom.api.get('/articles/latest')).body).slice(2));
      const seedOnly = await newsroom.api.get(`/articles/latest?before=${encodeURIComponent('2025-01-01T00:00:00Z')}`);
      expect(slugs(seedOnly.body)).toEqual([a.seed.slug]);
      const bad = await newsroom.api.get('/articles/latest?before=kemarin');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('LIST.BAD_CURSOR');
    });
  });

  describe('GET /articles/popular (the Populer list)', () => {
    beforeAll(async () => {
      await viewsHoursAgo(a.p3.id, 25, 20); // out of 24h, inside 7d
      await viewsHoursAgo(a.p2.id, 3, 9);
      await viewsHoursAgo(a.p1.id, 2, 5);
      await viewsHoursAgo(a.twinA.id, 1, 5); // ties with p1 on 5: p1 is newer
      await viewsHoursAgo(a.seed.id, 24 * 40, 50); // out of every window, but all-time views
      await viewsHoursAgo(hidden[1].id, 1, 99); // unpublished: never listed
      await rebuildRanking();
    });

    /**
     * The hours above went into Postgres behind the views service's back, so
     * the test plays a Redis that lost the ranking: the next flush rebuilds it
     * from Postgres, and the lists below are read from that ranking.
     */
    async function rebuildRanking() {
      const redis = await newsroom.redis();
      const built = `${newsroom.keyspace.appKeyPrefix}popular:built`;
      try {
        await redis.del(built);
        await eventually(async () => (await redis.exists(built)) === 1, { timeoutMs: 5000, what: 'the Populer ranking to be rebuilt' });
        expect(await redis.zscore(`${newsroom.keyspace.appKeyPrefix}popular:7d`, a.p3.id)).toBe('20');
      } finally {
        redis.disconnect();
      }
    }

    it('ranks by views inside the window, ties by newest, then fills up with unviewed articles newest first', async () => {
      const res = await newsroom.api.get('/articles/popular?window=24h');
      expect(res.status).toBe(200);
      expect(res.body.map((i: { slug: string; windowViews: number }) => [i.slug, i.windowViews])).toEqual([
        [a.p2.slug, 9],
        [a.p1.slug, 5],
        [a.twinA.slug, 5],
        [a.sport.slug, 0],
        [a.twinB.slug, 0],
        [a.p3.slug, 0], // its 20 views are 25 hours old
        [a.seed.slug, 0],
      ]);
      expect(res.body.find((i: { slug: string }) => i.slug === a.seed.slug).views).toBe(50);
      expect(res.body[0]).toMatchObject({ rubric: { slug: 'dunia', name: 'Dunia' }, author: { name: 'Hani Fatunnisa' }, views: 9, cursor: expect.any(String) });
    });

    it('counts 25-hour-old views in 7 days (the default) and 30 days', async () => {
      for (const query of ['', '?window=7d', '?window=30d']) {
        const res = await newsroom.api.get(`/articles/popular${query}`);
        expect(res.status).toBe(200);
        expect(slugs(res.body).slice(0, 4)).toEqual([a.p3.slug, a.p2.slug, a.p1.slug, a.twinA.slug]);
        expect(res.body[0].windowViews).toBe(20);
      }
    });

    it('filters by rubric and limit, and refuses an unknown window with 400', async () => {
      const seven = await newsroom.api.get('/articles/popular?limit=7');
      expect(seven.body).toHaveLength(7);
      const sport = await newsroom.api.get('/articles/popular?rubric=olahraga');
      expect(slugs(sport.body)).toEqual([a.sport.slug]);
      const top = await newsroom.api.get('/articles/popular?window=7d&rubric=dunia&limit=2');
      expect(slugs(top.body)).toEqual([a.p3.slug, a.p2.slug]);
      for (const bad of ['window=1w', 'window=7D', 'window=', 'limit=0', 'limit=101']) {
        expect((await newsroom.api.get(`/articles/popular?${bad}`)).status).toBe(400);
      }
      expect((await newsroom.api.get('/articles/popular?rubric=tidak-ada')).status).toBe(404);
    });

    it('drops an article from the list within a second of its unpublication, without waiting for the ranking in Redis', async () => {
      await queryTestDatabase(`update articles set status = 'unpublished' where id = $1`, [a.p2.id]);
      // the ranking in Redis still holds it; the gateway hears of the change as the views service announces every one
      await newsroom.announceSiteContentChange({ kind: 'article', articleId: a.p2.id, slug: a.p2.slug, rubricSlug: 'dunia' });
      try {
        const res = await eventually(
          async () => {
            const list = await newsroom.api.get('/articles/popular?window=24h');
            return !slugs(list.body).includes(a.p2.slug) && list;
          },
          { timeoutMs: 1000, intervalMs: 20, what: 'the list to drop it' },
        );
        expect(slugs(res.body).slice(0, 2)).toEqual([a.p1.slug, a.twinA.slug]);
        expect(slugs(res.body)).not.toContain(a.p2.slug);
      } finally {
        await queryTestDatabase(`update articles set status = 'published' where id = $1`, [a.p2.id]);
        await newsroom.announceSiteContentChange({ kind: 'article', articleId: a.p2.id, slug: a.p2.slug, rubricSlug: 'dunia' });
      }
    });
  });

  describe('GET /articles/:slug (the article page)', () => {
    it('shows a published article with the newsroom dateline and its corrections, newest last', async () => {
      await queryTestDatabase(
        `update articles set image_url = $2, image_caption = $3, image_credit = 'Net', tags = '{korea utara,rusia}' where id = $1`,
        [a.seed.id, 'https://img.newsroom.test/2024/12/kim-putin.jpg', 'Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin'],
      );
      await queryTestDatabase(
        `insert into article_corrections (id, article_id, at, note, version, editor_id) values
           (gen_random_uuid(), $1, '2024-12-05T11:00:00Z', 'Nama pejabat diperbaiki.', 4, $2),
           (gen_random_uuid(), $1, '2024-12-05T10:00:00Z', 'Tanggal ratifikasi diperbaiki.', 3, $2)`,
        [a.seed.id, adminId],
      );
      const res = await newsroom.api.get(`/articles/${a.seed.slug}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        slug: a.seed.slug,
        headline: `Pakta Pertahanan Korut-Rusia Mulai Berlaku ${suffix}`,
        lead: 'Teras berita.',
        body: expect.stringContaining('<p>'),
        rubric: { slug: 'dunia', name: 'Dunia' },
        author: { name: 'Hani Fatunnisa' },
        authors: [{ name: 'Hani Fatunnisa' }],
        image: { url: 'https://img.newsroom.test/2024/12/kim-putin.jpg', caption: 'Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin', credit: 'Net' },
        tags: ['korea utara', 'rusia'],
        publishedAt: '2024-12-05T09:38:00.000Z',
        publishedAtDisplay: 'Kamis, 05 Desember 2024 | 16:38 WIB',
        updatedAt: expect.any(String),
        // corrected after it went live: readers see when (API v1.1, updatedAtDisplay)
        updatedAtDisplay: expect.stringMatching(/^Diperbarui: \S+, \d{2} \S+ \d{4} \| \d{2}:\d{2} WIB$/),
        corrections: [
          { at: '2024-12-05T10:00:00.000Z', note: 'Tanggal ratifikasi diperbaiki.' },
          { at: '2024-12-05T11:00:00.000Z', note: 'Nama pejabat diperbaiki.' },
        ],
        views: 50,
      });
    });

    it('is a 404 for anything not published, and for unknown slugs', async () => {
      for (const h of hidden) {
        const res = await newsroom.api.get(`/articles/${h.slug}`);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      }
      expect((await newsroom.api.get('/articles/tidak-ada-artikel-ini')).status).toBe(404);
    });

    it('is open without a token and documented in OpenAPI', async () => {
      const docs = await newsroom.api.get('/docs/openapi.json');
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining(['/articles/latest', '/articles/popular', '/articles/{slug}', '/views', '/views/batch']),
      );
      expect(docs.body.components.schemas.PublicArticleItem.properties).toHaveProperty('cursor');
    });
  });
});
