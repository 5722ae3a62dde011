import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiClient, createStaff, ensureRubric, eventually, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase, seedArticleInput, sleep, Staff } from '@newsroom/testing';
import { launchChromium, newVisitor, SCREENSHOTS } from './browser-harness';

const SEED = seedArticleInput() as { headline: string; lead: string; body: string; image: { caption: string; credit: string } };
// A photo the page can show without the internet: an inline SVG stands in for the agency picture.
const PHOTO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#35506b"/><stop offset="1" stop-color="#9aa9b8"/></linearGradient></defs><rect width="1200" height="675" fill="url(#g)"/><circle cx="420" cy="300" r="110" fill="#c9d2db"/><circle cx="780" cy="300" r="110" fill="#b3bfcb"/><rect x="280" y="420" width="640" height="255" rx="60" fill="#2c3e50"/></svg>',
)}`;

describe('the readers\' site in a browser', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let hani: Staff;
  let browser: Browser;
  let seed: { id: string; slug: string };

  beforeAll(async () => {
    await resetDatabase();
    [newsroom, browser] = await Promise.all([NewsroomProcesses.start(), launchChromium()]);
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    await ensureRubric(admin, 'ekonomi', 'Ekonomi');
    hani = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
    const others = [
      ['Harga Cabai Rawit di Pasar Induk Turun Dua Pekan Berturut-turut', 'ekonomi', '2024-12-05T08:10:00Z'],
      ['Gempa Magnitudo 6,1 Guncang Pesisir Selatan Filipina', 'dunia', '2024-12-05T07:43:00Z'],
      ['Rupiah Menguat Tipis Jelang Rilis Data Inflasi', 'ekonomi', '2024-12-05T06:58:00Z'],
    ] as const;
    for (const [headline, rubricSlug, at] of others) {
      await insertArticle({ authorId: hani.id, status: 'published', headline, rubricSlug, publishedAt: new Date(at) });
    }
    seed = await insertArticle({ authorId: hani.id, status: 'published', headline: SEED.headline, publishedAt: new Date('2024-12-05T09:38:00Z') });
    await queryTestDatabase(`update articles set lead = $2, body = $3, image_url = $4, image_caption = $5, image_credit = $6, tags = $7 where id = $1`, [
      seed.id,
      SEED.lead,
      SEED.body,
      PHOTO,
      SEED.image.caption,
      SEED.image.credit,
      ['korea utara', 'rusia'],
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await newsroom?.stop();
  });

  it('shows the article as the portal does, and counts the visit once', async () => {
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const page = await reader.newPage();
    const response = await page.goto(`/berita/${seed.slug}`);
    expect(response?.status()).toBe(200);

    expect(await page.locator('.trail').innerText()).toMatch(/BERITA\s*›\s*DUNIA/i);
    expect(await page.locator('h1.headline').innerText()).toBe(SEED.headline);
    expect(await page.locator('.dateline').innerText()).toBe('KAMIS, 05 DESEMBER 2024 | 16:38 WIB | LAPORAN: HANI FATUNNISA');
    expect(await page.locator('.photo figcaption').innerText()).toBe('Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin/Net');
    expect(await page.locator('.body blockquote').count()).toBe(1);
    const populer = page.locator('.side .box').filter({ hasText: 'Populer' });
    expect(await populer.locator('li').count()).toBeGreaterThanOrEqual(4);
    expect(await populer.locator('time').first().innerText()).toMatch(/^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{2} \w+ \d{4} \| \d{2}:\d{2}$/);
    expect(await populer.locator('a.more').getAttribute('href')).toBe('/populer');
    expect(await page.locator('.side .box').filter({ hasText: 'UPDATE' }).locator('a.more').innerText()).toMatch(/Selengkapnya/i);

    // metadata for search engines and link previews
    expect(await page.title()).toBe(`${SEED.headline} - Newsroom`);
    expect(await page.locator('meta[property="og:type"]').getAttribute('content')).toBe('article');
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(SEED.lead);
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(jsonLd).toMatchObject({ '@type': 'NewsArticle', headline: SEED.headline, datePublished: '2024-12-05T09:38:00.000Z', author: [{ name: 'Hani Fatunnisa' }] });
    await page.screenshot({ path: join(SCREENSHOTS, 'article.png') });

    // the beacon counted this visit; a reload is the same visit
    await eventually(async () => (await newsroom.api.get(`/articles/${seed.slug}`)).body.views === 1, { timeoutMs: 15_000, what: 'the view to be counted' });
    expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('newsroom_visitor'))).toMatch(/^[0-9a-f]{32}$/);
    await page.reload();
    await sleep(3_000);
    expect((await newsroom.api.get(`/articles/${seed.slug}`)).body.views).toBe(1);
    await reader.close();
  });

  it('lets a CDN cache pages: ETag, Cache-Control and 304 when nothing changed', async () => {
    const first = await fetch(`${newsroom.baseUrl}/berita/${seed.slug}`);
    expect(first.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400');
    expect(first.headers.get('surrogate-key')?.split(' ')).toContain(`article-${seed.id}`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${newsroom.baseUrl}/berita/${seed.slug}`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('shows UPDATE and Populer on the home page, rubric pages and the full lists', async () => {
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const page = await reader.newPage();
    expect((await page.goto('/'))?.status()).toBe(200);
    expect(await page.locator(`a[href="/berita/${seed.slug}"]`).count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.rubric-nav').innerText()).toMatch(/DUNIA[\s\S]*EKONOMI/i);
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png') });

    await page.goto('/rubrik/ekonomi');
    expect(await page.locator('h1.page-title').innerText()).toBe('Ekonomi');
    expect(await page.locator('.main-column .story-title').allInnerTexts()).toEqual([
      'Harga Cabai Rawit di Pasar Induk Turun Dua Pekan Berturut-turut',
      'Rupiah Menguat Tipis Jelang Rilis Data Inflasi',
    ]);
    await page.goto('/terbaru');
    expect(await page.locator('.main-column .story-title').first().innerText()).toBe(SEED.headline);
    expect((await page.goto('/populer?window=24h'))?.status()).toBe(200);
    expect((await page.goto('/rubrik/tidak-ada'))?.status()).toBe(404);
    await reader.close();
  });

  it('escapes everything but the sanitized body', async () => {
    const odd = await insertArticle({ authorId: hani.id, status: 'published', headline: 'Uji <img src=x onerror=alert(1)> & "kutip"' });
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const page = await reader.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.goto(`/berita/${odd.slug}`);
    expect(await page.locator('h1.headline').innerText()).toBe('Uji <img src=x onerror=alert(1)> & "kutip"');
    expect(await page.locator('h1.headline img').count()).toBe(0);
    expect(dialogs).toBe(0);
    await reader.close();
  });

  it('finds a story from the search box in the header: type a query, see the results, follow one', async () => {
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const page = await reader.newPage();
    await page.goto('/rubrik/ekonomi');
    // a word form the article does not use: "pertahanan" is in the headline, "mempertahankan" is not; a typo too
    await page.fill('header .search-box input[name=q]', 'mempertahankan pakta');
    await Promise.all([page.waitForURL(/\/cari\?q=/), page.press('header .search-box input[name=q]', 'Enter')]);
    expect(await page.locator('h1.page-title').innerText()).toBe('Hasil pencarian untuk “mempertahankan pakta”');
    const results = page.locator('.search-results li');
    expect(await results.locator('.story-title').allInnerTexts()).toEqual([SEED.headline]);
    expect(await results.first().locator('.snippet mark').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'search.png') });
    await Promise.all([page.waitForURL(`**/berita/${seed.slug}`), results.first().locator('.story-title').click()]);
    expect(await page.locator('h1.headline').innerText()).toBe(SEED.headline);
    // the box keeps working from the article page, and a typo is forgiven
    await page.fill('header .search-box input[name=q]', 'cabai rawitt');
    await Promise.all([page.waitForURL(/\/cari\?q=/), page.press('header .search-box input[name=q]', 'Enter')]);
    expect(await page.locator('.search-results .story-title').allInnerTexts()).toEqual(['Harga Cabai Rawit di Pasar Induk Turun Dua Pekan Berturut-turut']);
    await page.fill('header .search-box input[name=q]', 'tidakadakatasemacamini');
    await Promise.all([page.waitForURL(/\/cari\?q=/), page.press('header .search-box input[name=q]', 'Enter')]);
    expect(await page.locator('.search-results li.empty').innerText()).toBe('Tidak ada berita yang cocok.');
    await reader.close();
  });

  it('takes an unpublished article off every page at once: its page is a real 404, API errors stay JSON', async () => {
    const editor = await createStaff(admin, ['editor']);
    expect((await editor.api.post(`/articles/${seed.id}/unpublish`, { reason: 'ralat' })).status).toBe(200);
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const page = await reader.newPage();
    const response = await page.goto(`/berita/${seed.slug}`);
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/text\/html/);
    expect(await page.locator('h1').innerText()).toBe('Halaman tidak ditemukan');
    await page.goto('/');
    expect(await page.locator(`a[href="/berita/${seed.slug}"]`).count()).toBe(0);
    const api = await fetch(`${newsroom.baseUrl}/articles/${seed.slug}`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/application\/json/);
    await reader.close();
  });
});
