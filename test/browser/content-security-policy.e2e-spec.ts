import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient, ensureRubric, insertArticle, NewsroomProcesses, resetDatabase } from '@newsroom/testing';
import { launchChromium, newVisitor, StaffLogin, staffWithPassword } from './browser-harness';

/**
 * Every page of both apps under their real Content-Security-Policy in
 * Chromium: a violation is what a reader or an editor would meet as a missing
 * style, a dead button or a beacon that never counts, so none may occur.
 */
describe('the Content-Security-Policy in a browser', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let browser: Browser;
  let everyone: StaffLogin;
  let article: { id: string; slug: string; version: number };
  let revisionId: string;

  beforeAll(async () => {
    await resetDatabase();
    // the pages only: no queue-consuming service is needed
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    browser = await launchChromium();
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    // one account with every role sees every desk page
    everyone = await staffWithPassword(admin, ['reporter', 'editor', 'scheduler', 'admin'], 'Sari Wulandari');
    article = await insertArticle({ authorId: everyone.id, status: 'published', headline: 'Nelayan Muara Angke Kembali Melaut Setelah Cuaca Membaik' });
    // a pending update of it: its pages carry the revision's banner, the live article's page its box
    const api = admin.as((await admin.post('/auth/login', { email: everyone.email, password: everyone.password })).body.accessToken);
    revisionId = (await api.post(`/articles/${article.id}/revisions`, { version: article.version })).body.revisionId;
  });

  afterAll(async () => {
    await browser?.close();
    await newsroom?.stop();
  });

  /** Opens each path and returns every CSP violation the page reported, by event and on the console. */
  async function violationsOn(context: BrowserContext, paths: string[]): Promise<string[]> {
    const violations: string[] = [];
    const page: Page = await context.newPage();
    await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
    // runs in the page (a string: the tests are compiled without the DOM's types)
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => window.reportCspViolation(location.pathname + ': ' + e.violatedDirective + ' blocked ' + e.blockedURI))",
    );
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    for (const path of paths) {
      const answer = await page.goto(path, { waitUntil: 'load' });
      expect({ path, status: answer?.status() }).toEqual({ path, status: path.includes('tidak-ada') ? 404 : 200 });
      // what the scripts do after load (htmx, the event stream, the beacon, Swagger UI's rendering)
      await page.waitForTimeout(300);
    }
    await page.close();
    return violations;
  }

  it("finds no violation on the readers' pages, and the beacon still counts", async () => {
    const reader = await newVisitor(browser, newsroom.baseUrl);
    const beacons: number[] = [];
    reader.on('response', (r) => void (r.url().endsWith('/views') && beacons.push(r.status())));
    expect(await violationsOn(reader, ['/', '/rubrik/dunia', `/berita/${article.slug}`, '/terbaru', '/populer', '/berita/tidak-ada'])).toEqual([]);
    expect(beacons).toEqual([202]);
    await reader.close();
  });

  it('finds no violation on the desk, with htmx and the live queue, nor on /docs', async () => {
    const context = await newVisitor(browser, newsroom.baseUrl);
    const page = await context.newPage();
    await page.goto('/desk/login');
    await page.fill('input[name=email]', everyone.email);
    await page.fill('input[name=password]', everyone.password);
    // the form's Origin survives the desk's Referrer-Policy (no-referrer would make it 'null' and the CSRF check refuse it)
    await Promise.all([page.waitForURL(/\/desk\/(drafts|review|schedule|users)/), page.click('button[type=submit]')]);
    await page.close();
    const deskPaths = [
      '/desk/login', '/desk/drafts', '/desk/drafts/new', '/desk/review', '/desk/schedule', '/desk/published', `/desk/articles/${article.id}`,
      `/desk/drafts/${article.id}`, `/desk/drafts/${revisionId}`, `/desk/articles/${revisionId}`,
      '/desk/users', '/desk/webhooks', '/desk/rubrics', '/docs',
    ];
    expect(await violationsOn(context, deskPaths)).toEqual([]);
    // the desk's scripts really run under the policy: htmx is there and the live queue's stream opens
    const queue = await context.newPage();
    const stream = queue.waitForRequest((r) => r.url().endsWith('/review-queue/stream'));
    await queue.goto('/desk/review');
    await stream;
    expect(await queue.evaluate('typeof window.htmx')).toBe('object');
    await context.close();
  });
});
