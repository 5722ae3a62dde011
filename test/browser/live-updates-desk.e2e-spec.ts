import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ApiClient, ensureRubric, eventually, insertArticle, NewsroomProcesses, resetDatabase } from '@newsroom/testing';
import { jakartaInput, launchChromium, newVisitor, SCREENSHOTS, signIn, StaffLogin, staffWithPassword } from './browser-harness';

const LIVE_HEADLINE = 'Banjir Rob Rendam Tiga Kelurahan di Pesisir Utara';
const UPDATED_HEADLINE = 'Banjir Rob Surut, Posko Pengungsian Dibuka di Tiga Kelurahan';
// long enough for the submission check (at least 20 words)
const UPDATED_BODY =
  '<p>Air laut yang merendam tiga kelurahan di pesisir utara mulai surut pada Senin sore, dan pemerintah kota membuka posko pengungsian di balai warga.</p>' +
  '<p>Relawan membagikan makanan, air bersih dan selimut kepada warga yang rumahnya masih terendam lumpur.</p>';
/** a draft's editor page (a flash's `?ok=` may still be in the address) */
const EDITOR = /\/desk\/drafts\/[0-9a-f-]{36}(\?.*)?$/;
const idIn = (url: string) => new URL(url).pathname.split('/').pop()!;
const UPDATED = /^Diperbarui: (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{2} \w+ \d{4} \| \d{2}:\d{2} WIB$/;

/**
 * Scheduled updates of a live article (API v1.1) on the staff desk, in
 * Chromium: "Perbarui berita" starts a revision and opens it in the draft
 * editor, which says what it updates; it is submitted like a draft, listed
 * as on its way in Berita terbit, and reviewed against the live content; once
 * another editor approved it, the scheduler's calendar offers it as an update
 * whose buttons call the revision endpoints, and it goes live on the readers'
 * page at its slot. Every refusal shows the API's reason and changes nothing.
 */
describe('updates of a live article on the desk, in a browser', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let browser: Browser;
  let reporter: StaffLogin;
  let editor: StaffLogin;
  let scheduler: StaffLogin;

  const apiOf = async (who: StaffLogin) =>
    newsroom.api.as((await newsroom.api.post('/auth/login', { email: who.email, password: who.password })).body.accessToken);

  beforeAll(async () => {
    await resetDatabase();
    // the drafts service checks the submission, the publisher makes the revision live at its slot
    [newsroom, browser] = await Promise.all([NewsroomProcesses.start(), launchChromium()]);
    admin = await newsroom.adminClient();
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

  it('lets the reporter start and submit an update of their live article, and the scheduler put it live from the calendar', async () => {
    const live = await insertArticle({ authorId: reporter.id, status: 'published', rubricSlug: 'nasional', headline: LIVE_HEADLINE });
    const reporterApi = await apiOf(reporter);

    // the reporter's own page of the live article offers "Perbarui berita"; a second window keeps the page as it was
    const { context, page } = await signIn(browser, newsroom.baseUrl, reporter);
    await page.goto(`/desk/drafts/${live.id}`);
    const stale = await context.newPage();
    await stale.goto(`/desk/drafts/${live.id}`);
    await Promise.all([page.waitForURL(EDITOR), page.click('[data-live-update] button:has-text("Perbarui berita")')]);
    const revisionId = idIn(page.url());
    expect(revisionId).not.toBe(live.id);
    expect(await page.locator('#toast').textContent()).toMatch(/^Revisi dibuat/);

    // the editor says it is a revision of the live article, and links it; the byline is the live one's, not a field
    const banner = page.locator('.revision-banner');
    expect(await banner.innerText()).toContain(`Revisi dari berita tayang: ${LIVE_HEADLINE}`);
    expect(await banner.locator('a.live-article').getAttribute('href')).toBe(`/desk/drafts/${live.id}`);
    expect(await banner.locator('a.public-link').getAttribute('href')).toBe(`/berita/${live.slug}`);
    expect(await page.locator('.byline-fixed').innerText()).toContain('Hani Fatunnisa');
    expect(await page.locator('input[name=authors], textarea[name=guestBylines], input[name=embargoUntil]').count()).toBe(0);
    expect(await page.inputValue('input[name=headline]')).toBe(LIVE_HEADLINE);

    // edited and handed in like any draft (autosave, then "Kirim")
    await page.fill('input[name=headline]', UPDATED_HEADLINE);
    await page.fill('textarea[name=body]', UPDATED_BODY);
    await page.locator('#save-state', { hasText: 'Tersimpan' }).waitFor({ timeout: 15_000 });
    await Promise.all([page.waitForURL(new RegExp(`/desk/drafts/${revisionId}$`)), page.click('button:has-text("Kirim")')]);
    expect(await page.locator('.page-head .status').innerText()).toMatch(/Dikirim|Direview/);
    const submitted = (await reporterApi.get(`/drafts/${revisionId}`)).body;
    expect(submitted).toMatchObject({ revisionOf: live.id, headline: UPDATED_HEADLINE });
    expect(submitted.body).toContain('posko pengungsian');

    // the stale window's "Perbarui berita" is refused by the API (one revision at a time): its reason, and no second revision
    await Promise.all([stale.waitForURL(new RegExp(`/desk/drafts/${live.id}/revisions$`)), stale.click('[data-live-update] button:has-text("Perbarui berita")')]);
    expect(await stale.locator('.alert').innerText()).toMatch(/^Gagal: the article already has a revision on its way/);
    expect((await reporterApi.get(`/articles/${live.id}/revisions`)).body.map((r: { id: string }) => r.id)).toEqual([revisionId]);
    // the live article's page now shows its revision on the way instead of the button
    await stale.goto(`/desk/drafts/${live.id}`);
    const pending = stale.locator('[data-live-update] .pending-revision');
    expect(await pending.getAttribute('data-revision-id')).toBe(revisionId);
    expect(await pending.locator('a').getAttribute('href')).toBe(`/desk/drafts/${revisionId}`);
    expect(await stale.locator('[data-live-update] button:has-text("Perbarui berita")').count()).toBe(0);
    await stale.close();

    // readers still see the live content
    expect((await newsroom.api.get(`/articles/${live.slug}`)).body.headline).toBe(LIVE_HEADLINE);

    // another editor reviews it against what readers see now, not against the revision's own previous version
    await eventually(async () => (await reporterApi.get(`/drafts/${revisionId}`)).body.status === 'in_review', { timeoutMs: 20_000, intervalMs: 300, what: 'the revision in review' });
    const { context: editorContext, page: review } = await signIn(browser, newsroom.baseUrl, editor);
    await review.goto(`/desk/review/${revisionId}`);
    const diff = review.locator('section.diff[data-against-live]');
    expect(await diff.locator('h2').innerText()).toMatch(new RegExp(`^Perubahan terhadap isi yang tayang \\(tayang v${live.version} → revisi v\\d+\\)$`));
    const changed = diff.locator('.change');
    expect(await changed.locator('strong').allInnerTexts()).toEqual(['headline', 'body']);
    expect(await changed.nth(0).locator('del').innerText()).toBe(LIVE_HEADLINE);
    expect(await changed.nth(0).locator('ins').innerText()).toBe(UPDATED_HEADLINE);
    expect((await changed.nth(1).locator('.words ins').allInnerTexts()).join(' ')).toContain('posko');

    // the published list shows the revision on its way instead of "Perbarui berita" (the API would refuse a second one)
    await review.goto('/desk/published');
    const listed = review.locator(`tr[data-article-id="${live.id}"]`);
    expect(await listed.locator('.pending-update').getAttribute('data-revision-id')).toBe(revisionId);
    expect(await listed.locator('.pending-update a').innerText()).toBe('Pembaruan menunggu');
    expect(await listed.locator('.pending-update a').getAttribute('href')).toBe(`/desk/articles/${revisionId}`);
    expect(await listed.locator('.pending-update .status').innerText()).toBe('Direview');
    expect(await listed.locator('form.start-revision').count()).toBe(0);
    await editorContext.close();

    // and approves it (through the API)
    const editorApi = await apiOf(editor);
    const approved = await editorApi.post(`/review-queue/${revisionId}/approve`, { version: (await reporterApi.get(`/drafts/${revisionId}`)).body.version });
    expect(approved.status).toBe(200);

    // the calendar offers it as an update of the live article, its buttons on the revision's own route
    const { context: schedulerContext, page: calendar } = await signIn(browser, newsroom.baseUrl, scheduler);
    expect(new URL(calendar.url()).pathname).toBe('/desk/schedule');
    const base = `/desk/schedule/${live.id}/revisions/${revisionId}`;
    const row = calendar.locator(`form.schedule-row[data-article-id="${revisionId}"]`);
    expect(await row.getAttribute('action')).toBe(`${base}/schedule`);
    expect(await row.locator('button:has-text("Terbitkan sekarang")').getAttribute('formaction')).toBe(`${base}/publish`);
    expect(await row.locator('.status-revision').innerText()).toBe('Pembaruan');
    expect(await calendar.locator(`[action^="/desk/schedule/${revisionId}/"], [formaction^="/desk/schedule/${revisionId}/"]`).count()).toBe(0);
    // so does the revision's own article page, which names the live article
    await calendar.goto(`/desk/articles/${revisionId}`);
    expect(await calendar.locator('.revision-banner a.live-article').getAttribute('href')).toBe(`/desk/articles/${live.id}`);
    expect(await calendar.locator('form[action$="/schedule"]').getAttribute('action')).toBe(`/desk/articles/${live.id}/revisions/${revisionId}/schedule`);
    expect(await calendar.locator(`[action^="/desk/articles/${revisionId}/"], [formaction^="/desk/articles/${revisionId}/"]`).count()).toBe(0);
    await calendar.goto('/desk/schedule');

    // a slot in the past: the API's reason on the page, and nothing changes
    await row.locator('input[name=publishAt]').fill(jakartaInput(new Date(Date.now() - 60 * 60_000)));
    await row.locator('button:has-text("Jadwalkan")').click();
    await calendar.locator('.alert', { hasText: 'is not in the future' }).waitFor();
    expect((await reporterApi.get(`/drafts/${revisionId}`)).body.status).toBe('approved');

    // scheduled, taken off the calendar again, and scheduled a few seconds ahead
    const scheduleAt = async (at: Date) => {
      const again = calendar.locator(`form.schedule-row[data-article-id="${revisionId}"]`);
      await again.locator('input[name=publishAt]').fill(jakartaInput(at));
      await again.locator('button:has-text("Jadwalkan")').click();
      await calendar.locator(`.calendar-day .schedule-item[data-article-id="${revisionId}"]`).waitFor();
      expect(await calendar.locator('#toast').textContent()).toBe('Dijadwalkan');
    };
    await scheduleAt(new Date(Date.now() + 10 * 60_000));
    const item = calendar.locator(`.calendar-day .schedule-item[data-article-id="${revisionId}"]`);
    expect(await item.locator('.status-revision').innerText()).toBe('Pembaruan');
    expect(await item.locator('form').getAttribute('action')).toBe(`${base}/schedule`);
    expect((await reporterApi.get(`/drafts/${revisionId}`)).body.status).toBe('scheduled');
    await item.locator('summary').click();
    await item.locator('button:has-text("Batalkan jadwal")').click();
    await calendar.locator('#toast', { hasText: 'Jadwal dibatalkan' }).waitFor();
    expect((await reporterApi.get(`/drafts/${revisionId}`)).body).toMatchObject({ status: 'approved', scheduledFor: null });
    await scheduleAt(new Date(Date.now() + 12_000));
    await calendar.screenshot({ path: join(SCREENSHOTS, 'calendar-live-update.png') });

    // readers see the new headline at the same address, with the time of the update
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const article = await reader.newPage();
    await eventually(
      async () => {
        await article.goto(`/berita/${live.slug}`);
        return (await article.locator('h1.headline', { hasText: UPDATED_HEADLINE }).count()) > 0;
      },
      { timeoutMs: 40_000, intervalMs: 1_000, what: 'the update on the readers\' page' },
    );
    expect(await article.locator('.updated').innerText()).toMatch(UPDATED);
    expect(await article.locator('.article .body').innerText()).toContain('posko pengungsian');
    expect((await reporterApi.get(`/drafts/${revisionId}`)).body.status).toBe('applied');

    // the live article's desk page has no revision on the way any more: "Perbarui berita" again
    await page.goto(`/desk/drafts/${live.id}`);
    expect(await page.locator('[data-live-update] button:has-text("Perbarui berita")').count()).toBe(1);
    await Promise.all([reader.close(), schedulerContext.close(), context.close()]);
  });

  it("lets an editor start an update from the article's desk page and edit it, and refuses a stale version without making one", async () => {
    const live = await insertArticle({ authorId: reporter.id, status: 'published', rubricSlug: 'nasional', headline: 'Nelayan Kembali Melaut Setelah Cuaca Membaik' });
    const editorApi = await apiOf(editor);
    const { context, page } = await signIn(browser, newsroom.baseUrl, editor);

    // the published list offers it too
    await page.goto('/desk/published');
    expect(await page.locator(`tr[data-article-id="${live.id}"] form[action="/desk/published/${live.id}/revisions"]`).count()).toBe(1);

    // someone corrects the article while the page is open: the page's version is stale now
    await page.goto(`/desk/articles/${live.id}`);
    const corrected = await editorApi.post(`/articles/${live.id}/corrections`, { version: live.version, note: 'Nama kelurahan diperbaiki.', lead: 'Teras yang diperbaiki.' });
    expect(corrected.status).toBe(200);
    await Promise.all([page.waitForURL(new RegExp(`/desk/articles/${live.id}/revisions$`)), page.click('[data-live-update] button:has-text("Perbarui berita")')]);
    expect(await page.locator('.alert').innerText()).toBe(`Gagal: the article is at version ${corrected.body.version}, not ${live.version}; reload it and try again`);
    expect((await editorApi.get(`/articles/${live.id}/revisions`)).body).toEqual([]);

    // reloaded, it works: the editor (now one of the revision's authors) edits it in the draft editor
    await page.goto(`/desk/articles/${live.id}`);
    await Promise.all([page.waitForURL(EDITOR), page.click('[data-live-update] button:has-text("Perbarui berita")')]);
    const revisionId = idIn(page.url());
    expect(await page.locator('.revision-banner a.live-article').getAttribute('href')).toBe(`/desk/articles/${live.id}`);
    await page.fill('textarea[name=lead]', 'Cuaca membaik, nelayan kembali melaut sejak subuh.');
    await Promise.all([page.waitForURL(new RegExp(`/desk/drafts/${revisionId}$`)), page.click('button:has-text("Simpan")')]);
    expect((await editorApi.get(`/drafts/${revisionId}`)).body).toMatchObject({ lead: 'Cuaca membaik, nelayan kembali melaut sejak subuh.', revisionOf: live.id, status: 'draft' });

    // the live article's desk page shows it on its way, linked to its editor (the editor is one of its authors now)
    await page.goto(`/desk/articles/${live.id}`);
    const pending = page.locator('[data-live-update] .pending-revision');
    expect(await pending.getAttribute('data-revision-id')).toBe(revisionId);
    expect(await pending.locator('a').getAttribute('href')).toBe(`/desk/drafts/${revisionId}`);
    expect(await page.locator('[data-live-update] button:has-text("Perbarui berita")').count()).toBe(0);
    // so does its row in the published list, where the button was
    await page.goto('/desk/published');
    const listed = page.locator(`tr[data-article-id="${live.id}"]`);
    expect(await listed.locator('.pending-update a').getAttribute('href')).toBe(`/desk/drafts/${revisionId}`);
    expect(await listed.locator('.pending-update .status').innerText()).toBe('Draf');
    expect(await listed.locator('form.start-revision').count()).toBe(0);
    // "Buang pembaruan" beside it (asked first): the list again, saying so, with "Perbarui berita" back
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForURL(/\/desk\/published\?ok=revisionDiscarded$/), listed.locator('form.discard-revision button').click()]);
    expect(await page.locator('#toast').textContent()).toMatch(/^Pembaruan dibuang/);
    expect(await listed.locator('.pending-update').count()).toBe(0);
    expect(await listed.locator('form.start-revision').count()).toBe(1);
    expect((await editorApi.get(`/drafts/${revisionId}`)).status).toBe(404);
    await context.close();
  });

  it('lets the reporter discard their update from its editor after confirming, an editor discard a scheduled one from the live page, and shows a refusal', async () => {
    const live = await insertArticle({ authorId: reporter.id, status: 'published', rubricSlug: 'nasional', headline: 'Harga Cabai Turun di Pasar Induk' });
    const reporterApi = await apiOf(reporter);
    const created = await reporterApi.post(`/articles/${live.id}/revisions`, { headline: 'Harga Cabai Turun Tajam di Pasar Induk' });
    expect(created.status).toBe(201);
    const revisionId = created.body.revisionId;

    const { context, page } = await signIn(browser, newsroom.baseUrl, reporter);
    await page.goto(`/desk/drafts/${revisionId}`);
    // a second window keeps the revision's page open, to press the button again once it is gone
    const stale = await context.newPage();
    await stale.goto(`/desk/drafts/${revisionId}`);
    const discard = page.locator('.revision-banner form.discard-revision button');
    expect(await discard.innerText()).toBe('Buang pembaruan');

    // asked first: dismissed, nothing happens
    page.once('dialog', (dialog) => void dialog.dismiss());
    await discard.click();
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe(`/desk/drafts/${revisionId}`);
    expect((await reporterApi.get(`/drafts/${revisionId}`)).status).toBe(200);

    // confirmed: gone, and the live article's page offers "Perbarui berita" again
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await Promise.all([page.waitForURL(new RegExp(`/desk/drafts/${live.id}\\?ok=revisionDiscarded$`)), discard.click()]);
    expect(asked).toMatch(/^Buang pembaruan ini\?/);
    expect(await page.locator('#toast').textContent()).toMatch(/^Pembaruan dibuang/);
    expect(await page.locator('[data-live-update] .pending-revision').count()).toBe(0);
    expect(await page.locator('[data-live-update] button:has-text("Perbarui berita")').count()).toBe(1);
    expect((await reporterApi.get(`/drafts/${revisionId}`)).status).toBe(404);
    expect((await newsroom.api.get(`/articles/${live.slug}`)).body.headline).toBe('Harga Cabai Turun di Pasar Induk');

    // the stale window's button: the API's refusal on the live article's page, nothing else changes
    stale.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([stale.waitForURL(new RegExp(`/desk/drafts/${live.id}/revisions/${revisionId}/discard$`)), stale.locator('.revision-banner form.discard-revision button').click()]);
    expect(await stale.locator('.alert').innerText()).toMatch(/^Gagal: /);
    expect(await stale.locator('h1').innerText()).toBe('Harga Cabai Turun di Pasar Induk');
    expect((await reporterApi.get(`/articles/${live.id}/revisions`)).body).toEqual([]);
    await context.close();

    // a scheduled update: an editor (not its author) discards it from the live article's page; it leaves the calendar
    const other = await insertArticle({ authorId: reporter.id, status: 'published', rubricSlug: 'nasional', headline: 'Kereta Cepat Tambah Jadwal Akhir Pekan' });
    const approved = await insertArticle({ authorId: reporter.id, status: 'approved', rubricSlug: 'nasional', headline: 'Kereta Cepat Tambah Enam Jadwal', revisionOf: other });
    const schedulerApi = await apiOf(scheduler);
    expect((await schedulerApi.post(`/articles/${other.id}/revisions/${approved.id}/schedule`, { publishAt: new Date(Date.now() + 10 * 60_000).toISOString() })).status).toBe(200);
    // the scheduler is offered no such button (the API would refuse them)
    const { context: schedulerContext, page: calendar } = await signIn(browser, newsroom.baseUrl, scheduler);
    await calendar.goto(`/desk/articles/${approved.id}`);
    expect(await calendar.locator('form.discard-revision').count()).toBe(0);

    const { context: editorContext, page: desk } = await signIn(browser, newsroom.baseUrl, editor);
    await desk.goto(`/desk/articles/${other.id}`);
    const box = desk.locator('[data-live-update]');
    expect(await box.locator('.pending-revision').getAttribute('data-revision-id')).toBe(approved.id);
    expect(await box.locator('.pending-revision .status').innerText()).toBe('Terjadwal');
    desk.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([desk.waitForURL(new RegExp(`/desk/articles/${other.id}\\?ok=revisionDiscarded$`)), box.locator('form.discard-revision button:has-text("Buang pembaruan")').click()]);
    expect(await desk.locator('[data-live-update] .pending-revision').count()).toBe(0);
    expect(await desk.locator('.history').innerText()).toContain('Pembaruan dibuang');
    expect((await schedulerApi.get('/schedule')).body.map((a: { id: string }) => a.id)).not.toContain(approved.id);
    await calendar.goto('/desk/schedule');
    expect(await calendar.locator(`[data-article-id="${approved.id}"]`).count()).toBe(0);
    await Promise.all([schedulerContext.close(), editorContext.close()]);
  });
});
