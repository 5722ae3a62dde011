import type { Browser } from 'playwright-core';
import { ApiClient, ensureRubric, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase } from '@newsroom/testing';
import { launchChromium, newVisitor, StaffLogin, staffWithPassword } from './browser-harness';

/** The editors' desk shows the review figures above the queue and marks what waits past the SLA, in Chromium. */
describe('the desk figures in a browser', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let browser: Browser;
  let reporter: StaffLogin;
  let editor: StaffLogin;

  beforeAll(async () => {
    await resetDatabase();
    [newsroom, browser] = await Promise.all([NewsroomProcesses.start({ apps: ['gateway'] }), launchChromium()]);
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    [reporter, editor] = await Promise.all([staffWithPassword(admin, ['reporter'], 'Hani Fatunnisa'), staffWithPassword(admin, ['editor'], 'Ratna Kusumawati')]);
  });

  afterAll(async () => {
    await browser?.close();
    await newsroom?.stop();
  });

  it('shows the figures and marks a breaking item waiting past its 5 minutes, not a fresh one', async () => {
    const late = await insertArticle({ authorId: reporter.id, status: 'in_review', priority: 'breaking', headline: 'Gempa Guncang Pesisir Selatan', submittedAt: new Date(Date.now() - 12 * 60_000) });
    const fresh = await insertArticle({ authorId: reporter.id, status: 'in_review', headline: 'Festival Layang-Layang Digelar', submittedAt: new Date() });
    await queryTestDatabase(
      `insert into article_events (article_id, at, actor_id, type, from_status, to_status, version) values ($1, now() - interval '12 minutes', null, 'review_started', 'submitted', 'in_review', 2), ($1, now() - interval '12 minutes', $2, 'submitted', 'draft', 'submitted', 1)`,
      [late.id, reporter.id],
    );

    const context = await newVisitor(browser, newsroom.baseUrl);
    const page = await context.newPage();
    await page.goto('/desk/login');
    await page.fill('input[name=email]', editor.email);
    await page.fill('input[name=password]', editor.password);
    await Promise.all([page.waitForURL(/\/desk\/review/), page.click('button[type=submit]')]);

    expect(await page.locator('[data-figure=submitted]').innerText()).toBe('1');
    expect(await page.locator('[data-figure=over-sla]').innerText()).toBe('1');
    expect(await page.locator('[data-figure=time-to-claim]').innerText()).toBe('– / –');
    const lateRow = page.locator(`tr[data-article-id="${late.id}"]`);
    expect(await lateRow.getAttribute('class')).toContain('over-sla');
    expect(await lateRow.locator('.sla').innerText()).toMatch(/^Lewat SLA · 1[23] mnt$/);
    expect(await page.locator(`tr[data-article-id="${fresh.id}"]`).getAttribute('class')).not.toContain('over-sla');

    await page.click('.figure-windows a:has-text("7d")');
    await page.waitForURL(/window=7d/);
    expect(await page.locator('.figure-windows a[aria-current]').innerText()).toBe('7d');
    await context.close();
  });
});
