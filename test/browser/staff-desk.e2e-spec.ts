import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiClient, ensureRubric, eventually, insertArticle, NewsroomProcesses, resetDatabase } from '@newsroom/testing';
import { jakartaInput, launchChromium, newVisitor, SCREENSHOTS, signIn, StaffLogin, staffWithPassword } from './browser-harness';

const HEADLINE = 'Warga Pesisir Gotong Royong Bersihkan Pantai Usai Banjir Rob';
// long enough for the submission check (at least 20 words)
const BODY =
  '<p>Ratusan warga pesisir utara bergotong royong membersihkan pantai pada Minggu pagi, sehari setelah banjir rob surut.</p>' +
  '<p>Sampah plastik, ranting dan lumpur yang terbawa air laut dikumpulkan di beberapa titik sebelum diangkut petugas kebersihan kota.</p>';

describe('the staff desk in a browser', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let browser: Browser;
  let reporter: StaffLogin;
  let editor: StaffLogin;
  let scheduler: StaffLogin;

  beforeAll(async () => {
    await resetDatabase();
    // the admin's webhook targets portal.example, which has no DNS here
    [newsroom, browser] = await Promise.all([NewsroomProcesses.start({ env: { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: 'portal.example' } }), launchChromium()]);
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    await ensureRubric(admin, 'nasional', 'Nasional');
    [reporter, editor, scheduler] = await Promise.all([
      staffWithPassword(admin, ['reporter'], 'Hani Fatunnisa'),
      staffWithPassword(admin, ['editor'], 'Ratna Kusumawati'),
      staffWithPassword(admin, ['scheduler'], 'Yusuf Hidayat'),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await newsroom?.stop();
  });

  it('refuses a wrong password and keeps signed-out visitors out', async () => {
    const context = await newVisitor(browser, newsroom.baseUrl);
    const page = await context.newPage();
    await page.goto('/desk/drafts');
    expect(page.url()).toMatch(/\/desk\/login$/);
    await page.fill('input[name=email]', reporter.email);
    await page.fill('input[name=password]', 'salah');
    await page.click('button[type=submit]');
    expect(await page.locator('.alert').innerText()).toBe('Email atau kata sandi salah.');
    // a cross-site form post is refused even with a session
    const forged = await fetch(`${newsroom.baseUrl}/desk/drafts`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'headline=x' });
    expect(forged.status).toBe(403);
    await context.close();
  });

  it('takes an article from the reporter through review and scheduling to the home page', async () => {
    // the editor's queue is open before anything is submitted
    const desk = await signIn(browser, newsroom.baseUrl, editor);
    const queue = desk.page;
    expect(new URL(queue.url()).pathname).toBe('/desk/review');
    expect(await queue.locator('.desk-nav a').allInnerTexts()).toEqual(['Antrean review', 'Kalender terbit', 'Berita terbit', 'Rubrik']);
    await queue.evaluate(() => ((globalThis as any).openedOnce = true));

    // the reporter writes, autosaves and sees only their own pages
    const { context: reporterContext, page } = await signIn(browser, newsroom.baseUrl, reporter);
    expect(await page.locator('.desk-nav a').allInnerTexts()).toEqual(['Naskah saya']);
    expect((await page.goto('/desk/review'))?.status()).toBe(403);
    await page.goto('/desk/drafts/new');
    await page.fill('input[name=headline]', HEADLINE);
    await page.fill('textarea[name=lead]', 'Ratusan warga turun ke pantai membersihkan sampah yang terbawa banjir rob.');
    await page.fill('textarea[name=body]', BODY);
    await page.selectOption('select[name=rubric]', 'nasional');
    await page.fill('input[name=imageUrl]', 'https://img.newsroom.test/2024/12/pantai.jpg');
    await page.fill('input[name=imageCaption]', 'Warga membersihkan pantai');
    await page.fill('input[name=imageCredit]', 'Net');
    await Promise.all([page.waitForURL(/\/desk\/drafts\/[0-9a-f-]{36}$/), page.click('button.primary')]);
    const id = page.url().split('/').pop()!;

    // two windows on one draft: the second one's autosave is refused, not silently applied
    const stale = await reporterContext.newPage();
    await stale.goto(`/desk/drafts/${id}`);
    await page.fill('textarea[name=body]', `${BODY}<p>Kegiatan itu dipimpin para ketua RT setempat.</p>`);
    await page.locator('#save-state', { hasText: 'Tersimpan' }).waitFor({ timeout: 15_000 });
    await stale.fill('input[name=headline]', 'Judul dari jendela lama');
    await stale.locator('#save-state.conflict').waitFor({ timeout: 15_000 });
    expect(await stale.locator('#save-state').innerText()).toMatch(/sudah diubah orang lain/);
    const reporterApi = newsroom.api.as((await newsroom.api.post('/auth/login', { email: reporter.email, password: reporter.password })).body.accessToken);
    expect((await reporterApi.get(`/drafts/${id}`)).body).toMatchObject({ headline: HEADLINE, version: 2 });
    await stale.close();

    await Promise.all([page.waitForURL(new RegExp(`/desk/drafts/${id}$`)), page.click('button:has-text("Kirim")')]);
    expect(await page.locator('.page-head .status').innerText()).toMatch(/Dikirim|Direview/);

    // the editor's open queue shows it without a reload
    await queue.locator('#queue-rows', { hasText: HEADLINE }).waitFor({ timeout: 20_000 });
    expect(await queue.evaluate(() => (globalThis as any).openedOnce)).toBe(true);
    await queue.screenshot({ path: join(SCREENSHOTS, 'review-queue.png') });

    await queue.click(`a:has-text("${HEADLINE}")`);
    expect(await queue.locator('.diff h2').innerText()).toMatch(/Perubahan dari versi sebelumnya/);
    const underReview = (await reporterApi.get(`/drafts/${id}`)).body.version;
    expect(await queue.locator('.content-version').innerText()).toBe(`Isi versi ${underReview}`);
    await queue.fill('textarea[name=comment]', 'Rapi, siap terbit.');
    await Promise.all([queue.waitForURL(/\/desk\/review$/), queue.click('button:has-text("Setujui")')]);
    const approved = (await reporterApi.get(`/drafts/${id}`)).body;
    expect(approved).toMatchObject({ status: 'approved', approvedVersion: underReview });
    // the editor's page names the approved version
    await queue.goto(`/desk/review/${id}`);
    expect(await queue.locator('.approved-version').innerText()).toBe(`Disetujui: versi ${underReview}`);

    // the reporter reads the editor's word
    await page.reload();
    expect(await page.locator('.comment').innerText()).toMatch(/Rapi, siap terbit\./);

    // the scheduler puts it a few seconds ahead on the calendar
    const { page: calendar } = await signIn(browser, newsroom.baseUrl, scheduler);
    expect(new URL(calendar.url()).pathname).toBe('/desk/schedule');
    expect(await calendar.locator('.desk-nav a').allInnerTexts()).toEqual(['Kalender terbit', 'Berita terbit']);
    const row = calendar.locator('form.schedule-row', { hasText: HEADLINE });
    const slot = jakartaInput(new Date(Date.now() + 12_000));
    await row.locator('input[name=publishAt]').fill(slot);
    // htmx swaps the calendar in place and says so: the page itself is not reloaded
    await calendar.evaluate(() => ((globalThis as any).samePage = true));
    await row.locator('button:has-text("Jadwalkan")').click();
    await calendar.locator('.calendar-day.today .schedule-item', { hasText: HEADLINE }).waitFor();
    expect(await calendar.locator('#toast').innerText()).toBe('Dijadwalkan');
    expect(await calendar.evaluate(() => (globalThis as any).samePage)).toBe(true);
    expect((await reporterApi.get(`/drafts/${id}`)).body.status).toBe('scheduled');
    await calendar.screenshot({ path: join(SCREENSHOTS, 'calendar.png') });
    // the day view is an hour grid; the article stands in its hour
    await Promise.all([calendar.waitForURL(/view=day/), calendar.getByRole('link', { name: 'Hari', exact: true }).click()]);
    expect(await calendar.locator('.hour-grid .hour').count()).toBe(24);
    await calendar.locator(`.hour[data-hour="${slot.slice(11, 13)}"] .schedule-item`, { hasText: HEADLINE }).waitFor();

    // readers see it on the home page once it is live
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const home = await reader.newPage();
    await eventually(
      async () => {
        await home.goto('/');
        return (await home.locator('a', { hasText: HEADLINE }).count()) > 0;
      },
      { timeoutMs: 40_000, intervalMs: 1_000, what: 'the article on the home page' },
    );
    await home.click(`a:has-text("${HEADLINE}")`);
    expect(await home.locator('.dateline').innerText()).toMatch(/ WIB \| LAPORAN: HANI FATUNNISA$/);
    expect(await home.locator('.photo figcaption').innerText()).toBe('Warga membersihkan pantai/Net');

    // signing out ends the session
    await page.click('button:has-text("Keluar")');
    await page.waitForURL(/\/desk\/login$/);
    await page.goto('/desk/drafts');
    expect(page.url()).toMatch(/\/desk\/login$/);
  });

  it('lets the admin open an account with the role boxes and delete a webhook after confirming', async () => {
    const { context, page } = await signIn(browser, newsroom.baseUrl, { id: '', name: 'Administrator', email: 'admin@newsroom.local', password: 'admin' });
    expect(new URL(page.url()).pathname).toBe('/desk/users');
    expect(await page.locator('.desk-nav a').allInnerTexts()).toEqual(['Pengguna', 'Rubrik', 'Webhook']);
    await page.fill('input[name=email]', 'bima@newsroom.test');
    await page.fill('input[name=name]', 'Bima Prasetyo');
    await page.fill('input[name=password]', 'rahasia-bima');
    await page.check('input[name=roles][value=reporter]');
    await page.check('input[name=roles][value=scheduler]');
    await Promise.all([page.waitForURL(/\/desk\/users\?done=created$/), page.click('button:has-text("Buat akun")')]);
    expect(await page.locator('tr', { hasText: 'bima@newsroom.test' }).innerText()).toMatch(/Reporter, Penjadwal/);
    const bima = await signIn(browser, newsroom.baseUrl, { id: '', name: 'Bima Prasetyo', email: 'bima@newsroom.test', password: 'rahasia-bima' });
    expect(await bima.page.locator('.desk-nav a').allInnerTexts()).toEqual(['Naskah saya', 'Kalender terbit', 'Berita terbit']);
    await bima.context.close();

    const hook = await admin.post('/webhooks', { url: 'https://portal.example/hooks', events: ['article.published'], secret: 'rahasia-yang-cukup-panjang' });
    await page.goto('/desk/webhooks');
    const row = page.locator(`tr[data-webhook-id="${hook.body.id}"]`);
    // the first "Hapus" is cancelled in the confirmation, the second one confirmed
    page.once('dialog', (dialog) => void dialog.dismiss());
    await row.locator('button:has-text("Hapus")').click();
    // had the form gone anyway, a local round trip would be over well within this
    await page.waitForTimeout(500);
    expect(new URL(page.url()).search).toBe('');
    expect((await admin.get('/webhooks')).body).toHaveLength(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForURL(/\/desk\/webhooks\?done=deleted$/), row.locator('button:has-text("Hapus")').click()]);
    expect((await admin.get('/webhooks')).body).toEqual([]);
    await context.close();
  });

  it('lets the admin change an account\'s roles and deactivate it after confirming: its open desk goes to the login page', async () => {
    const dewi = await staffWithPassword(admin, ['reporter', 'editor'], 'Dewi Lestari');
    const session = await signIn(browser, newsroom.baseUrl, dewi);
    const { context, page } = await signIn(browser, newsroom.baseUrl, { id: '', name: 'Administrator', email: 'admin@newsroom.local', password: 'admin' });
    await Promise.all([page.waitForURL(new RegExp(`/desk/users/${dewi.id}$`)), page.click(`a:has-text("Dewi Lestari")`)]);
    await page.uncheck('input[name=roles][value=editor]');
    await Promise.all([page.waitForURL(/\?done=updated$/), page.click('button:has-text("Simpan")')]);
    expect(await page.locator('tr[data-event="roles_changed"]').innerText()).toContain('Reporter, Editor → Reporter');
    // the change of roles ended her session: her next page is the login
    await session.page.goto('/desk/drafts');
    expect(session.page.url()).toMatch(/\/desk\/login$/);

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.click('button:has-text("Nonaktifkan akun")');
    await page.waitForTimeout(500);
    expect((await admin.get(`/users/${dewi.id}`)).body.active).toBe(true);
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForURL(/\?done=deactivated$/), page.click('button:has-text("Nonaktifkan akun")')]);
    expect((await admin.get(`/users/${dewi.id}`)).body.active).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'user-account.png'), fullPage: true });
    await Promise.all([session.context.close(), context.close()]);
  });

  it('lets the reporter take a submitted draft back, and shows and takes the embargo in WIB', async () => {
    const reporterApi = newsroom.api.as((await newsroom.api.post('/auth/login', { email: reporter.email, password: reporter.password })).body.accessToken);
    const created = await reporterApi.post('/drafts', {
      headline: 'Banjir Rob Surut, Warga Kembali ke Rumah',
      lead: 'Warga pesisir mulai kembali ke rumah setelah banjir rob surut.',
      body: BODY,
      rubric: 'nasional',
      embargoUntil: '2030-01-02 08:30',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(new Date(created.body.embargoUntil).toISOString()).toBe('2030-01-02T01:30:00.000Z');
    expect((await reporterApi.post(`/drafts/${id}/submit`, { version: created.body.version })).status).toBe(202);
    await eventually(async () => (await reporterApi.get(`/drafts/${id}`)).body.status === 'in_review', { timeoutMs: 20_000, intervalMs: 300, what: 'the draft in review' });

    const { context, page } = await signIn(browser, newsroom.baseUrl, reporter);
    await page.goto(`/desk/drafts/${id}`);
    expect(await page.inputValue('input[name=embargoUntil]')).toBe('2030-01-02 08:30');
    await Promise.all([page.waitForURL(/\?withdrawn=1$/), page.click('button:has-text("Tarik kembali")')]);
    expect(await page.locator('.page-head .status').innerText()).toBe('Draf');
    expect(await page.locator('.notice').innerText()).toMatch(/ditarik kembali/);
    expect(await page.locator('#withdraw-form').count()).toBe(0);

    // the reporter types the embargo in local time; the API stores the moment
    await page.fill('input[name=embargoUntil]', '2030-01-03 09:15');
    await Promise.all([page.waitForURL(new RegExp(`/desk/drafts/${id}$`)), page.click('button:has-text("Simpan")')]);
    expect(await page.inputValue('input[name=embargoUntil]')).toBe('2030-01-03 09:15');
    const saved = (await reporterApi.get(`/drafts/${id}`)).body;
    expect(saved.status).toBe('draft');
    expect(new Date(saved.embargoUntil).toISOString()).toBe('2030-01-03T02:15:00.000Z');
    await context.close();
  });

  it('lets the reporter search the published archive from the draft page and keep what they typed', async () => {
    // earlier coverage by someone else (published: everyone may find it), and someone else's draft (never found)
    const earlier = await insertArticle({ authorId: editor.id, status: 'published', headline: 'Pakta Pertahanan Korut-Rusia Mulai Berlaku' });
    const unpublished = await insertArticle({ authorId: editor.id, status: 'draft', headline: 'Draf Pertahanan Yang Belum Terbit' });
    const { context, page } = await signIn(browser, newsroom.baseUrl, reporter);
    await page.goto('/desk/drafts/new');
    await page.fill('input[name=headline]', 'Rusia Kirim Bantuan Militer');
    const box = page.locator('form#archive-search');
    await box.locator('input[name=q]').fill('mempertahankan pakta');
    await box.locator('button[type=submit]').click();
    const results = page.locator('#archive-results .archive-results li');
    await results.first().waitFor({ timeout: 15_000 });
    expect(await results.locator('.archive-title').allInnerTexts()).toEqual(['Pakta Pertahanan Korut-Rusia Mulai Berlaku']);
    expect(await results.first().locator('.snippet mark').count()).toBeGreaterThan(0);
    const link = await results.first().locator('.archive-link input').inputValue();
    expect(link).toMatch(new RegExp(`^https?://[^/]+/berita/${earlier.slug}$`));
    expect(await page.locator('#archive-results').innerText()).not.toContain('Draf Pertahanan');
    // the same page: nothing typed in the editor was lost
    expect(new URL(page.url()).pathname).toBe('/desk/drafts/new');
    expect(await page.inputValue('input[name=headline]')).toBe('Rusia Kirim Bantuan Militer');
    await box.locator('input[name=q]').fill('tidakadakatasemacamini');
    await box.locator('button[type=submit]').click();
    await page.locator('#archive-results', { hasText: 'Tidak ada berita yang cocok.' }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'desk-find-related.png') });
    await context.close();
  });

  describe('behind a low login limit', () => {
    // A gateway of its own (its own Redis prefix, so its own counters): the sign-ins of the tests
    // above neither count towards this limit nor get locked out by it.
    let limited: NewsroomProcesses;

    beforeAll(async () => {
      limited = await NewsroomProcesses.start({ apps: ['gateway'], env: { NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: '3' } });
    });

    afterAll(async () => {
      await limited?.stop();
    });

    it('answers repeated wrong sign-ins with 429 and says so in Indonesian, then refuses even the right password', async () => {
      const context = await newVisitor(browser, limited.baseUrl);
      const page = await context.newPage();
      await page.goto('/desk/login');
      const attempt = async (password: string): Promise<{ status: number; alert: string }> => {
        await page.fill('input[name=email]', reporter.email);
        await page.fill('input[name=password]', password);
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/desk/login'),
          // the page that answers the post, not the one that sent it (both show an alert)
          page.waitForEvent('load'),
          page.click('button[type=submit]'),
        ]);
        return { status: response.status(), alert: await page.locator('.alert').innerText() };
      };

      const wrong = { status: 401, alert: 'Email atau kata sandi salah.' };
      const tooMany = { status: 429, alert: 'Terlalu banyak percobaan masuk. Tunggu sebentar, lalu coba lagi.' };
      const attempts = [];
      for (let i = 0; i < 4; i++) attempts.push(await attempt('salah'));
      expect(attempts).toEqual([wrong, wrong, wrong, tooMany]);

      // within the minute the right password is refused too, and no session is opened
      expect(await attempt(reporter.password)).toEqual(tooMany);
      expect(new URL(page.url()).pathname).toBe('/desk/login');
      expect(await page.inputValue('input[name=email]')).toBe(reporter.email);
      expect((await context.cookies()).map((c) => c.name)).not.toContain('newsroom_session');
      await context.close();
    });
  });
});
