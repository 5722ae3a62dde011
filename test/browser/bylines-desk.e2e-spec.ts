import type { Browser } from 'playwright-core';
import { ApiClient, ensureRubric, NewsroomProcesses, resetDatabase } from '@newsroom/testing';
import { launchChromium, newVisitor, signIn, StaffLogin, staffWithPassword } from './browser-harness';

const BODY =
  '<p>Dinas perhubungan menyiapkan rancangan aturan baru bagi pengemudi ojek daring yang akan dibahas bersama perwakilan pengemudi pekan depan.</p>' +
  '<p>Aturan itu memuat batas tarif, jam kerja dan perlindungan asuransi yang selama ini dikeluhkan para pengemudi di kota besar.</p>';

/** The draft page's byline fields (co-authors, guest bylines) and its preview links, in Chromium. */
describe('bylines and preview links on the desk, in a browser', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let browser: Browser;
  let hani: StaffLogin;
  let budi: StaffLogin;

  beforeAll(async () => {
    await resetDatabase();
    [newsroom, browser] = await Promise.all([NewsroomProcesses.start({ apps: ['gateway'] }), launchChromium()]);
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'nasional', 'Nasional');
    [hani, budi] = await Promise.all([staffWithPassword(admin, ['reporter'], 'Hani Fatunnisa'), staffWithPassword(admin, ['reporter'], 'Budi Santoso')]);
  });

  afterAll(async () => {
    await browser?.close();
    await newsroom?.stop();
  });

  const apiOf = async (who: StaffLogin) =>
    newsroom.api.as((await newsroom.api.post('/auth/login', { email: who.email, password: who.password })).body.accessToken);

  it('lets a reporter tick a co-author and type guest bylines; the co-author finds the draft on their desk', async () => {
    const { context, page } = await signIn(browser, newsroom.baseUrl, hani);
    await page.goto('/desk/drafts/new');
    // the writer is ticked already, first
    expect(await page.locator('input[name=authors]:checked').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('value')))).toEqual([hani.id]);
    await page.fill('input[name=headline]', 'Warga Pesisir Bersihkan Pantai Usai Banjir Rob');
    await page.fill('textarea[name=body]', BODY);
    await page.check(`input[name=authors][value="${budi.id}"]`);
    await page.fill('textarea[name=guestBylines]', 'Tim <b>Liputan</b> Khusus\nKontributor Daerah');
    await Promise.all([page.waitForURL(/\/desk\/drafts\/[0-9a-f-]{36}$/), page.click('button.primary')]);
    const id = page.url().split('/').pop()!;

    const saved = (await (await apiOf(hani)).get(`/drafts/${id}`)).body;
    expect(saved.authors.map((a: { name: string }) => a.name)).toEqual(['Hani Fatunnisa', 'Budi Santoso']);
    expect(saved.guestBylines).toEqual(['Tim <b>Liputan</b> Khusus', 'Kontributor Daerah']);
    // the page shows the byline back: the authors ticked in their order, the guests as typed (text, not markup)
    const ticked = await page.locator('input[name=authors]:checked').evaluateAll((boxes) => boxes.map((b) => b.getAttribute('value')));
    expect(ticked).toEqual([hani.id, budi.id]);
    expect(await page.inputValue('textarea[name=guestBylines]')).toBe('Tim <b>Liputan</b> Khusus\nKontributor Daerah');
    await context.close();

    const desk = await signIn(browser, newsroom.baseUrl, budi);
    await desk.page.goto('/desk/drafts');
    expect(await desk.page.locator(`a[href="/desk/drafts/${id}"]`).count()).toBeGreaterThan(0);
    await desk.context.close();
  });

  it('makes a preview link from the draft page, copies it, shows the preview to anyone with it, and revokes it', async () => {
    const api = await apiOf(hani);
    const created = await api.post('/drafts', { headline: 'Pratinjau Untuk Narasumber', body: BODY, rubric: 'nasional' });
    const { context, page } = await signIn(browser, newsroom.baseUrl, hani);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/desk/drafts/${created.body.id}`);
    await page.selectOption('select[name=expiresInHours]', '72');
    await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Buat tautan")')]);
    const url = await page.inputValue('#new-preview-url');
    expect(url).toMatch(new RegExp(`^${newsroom.baseUrl}/pratinjau/[A-Za-z0-9_-]{43}$`));
    await page.click('button:has-text("Salin")');
    await page.locator('button[data-copy]', { hasText: 'Tersalin' }).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText())).toBe(url);

    // a source with the link, signed in nowhere
    const source = await newVisitor(browser, newsroom.baseUrl);
    const preview = await source.newPage();
    expect((await preview.goto(url))?.status()).toBe(200);
    expect(await preview.locator('.preview-banner').innerText()).toMatch(/^PRATINJAU/);
    expect(await preview.locator('h1.headline').innerText()).toBe('Pratinjau Untuk Narasumber');

    // the draft page lists it; Cabut (after the confirmation) ends it
    await page.goto(`/desk/drafts/${created.body.id}`);
    expect(await page.locator('.preview-links .links li').count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForURL(new RegExp(`/desk/drafts/${created.body.id}`)), page.click('.preview-links button:has-text("Cabut")')]);
    expect(await page.locator('.preview-links .links li.muted').count()).toBe(1);
    expect((await preview.goto(url))?.status()).toBe(404);
    expect(await preview.content()).not.toContain('Pratinjau Untuk Narasumber');
    await source.close();
    await context.close();
  });
});
