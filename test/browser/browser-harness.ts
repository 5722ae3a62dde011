import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ApiClient, ROOT } from '@newsroom/testing';

/** Debian's Chromium; `.ci/run` installs it when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Headless Chromium calls itself HeadlessChrome, which the view counter
 * rightly takes for a crawler; readers in these tests use a desktop browser's name.
 */
export const DESKTOP_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
/**
 * Where the tests leave their screenshots: under reports/ on every run, and into
 * the committed docs/screenshots/ (shown in README) only when asked with
 * UPDATE_SCREENSHOTS=1, so a plain test run leaves the work tree clean.
 */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'reports', 'screenshots');

/** A fresh headless Chromium (playwright-core gives each launch its own empty profile directory). */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function newVisitor(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, userAgent: DESKTOP_UA, viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
}

export interface StaffLogin {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** A staff member with a password the test knows, to sign in through the desk's form. */
export async function staffWithPassword(admin: ApiClient, roles: string[], name: string): Promise<StaffLogin> {
  const suffix = Math.random().toString(16).slice(2, 8);
  const email = `${roles.join('-')}-${suffix}@newsroom.test`;
  const password = `rahasia-${suffix}`;
  const res = await admin.post('/users', { email, name, password, roles });
  if (res.status !== 201) throw new Error(`creating ${email} failed: ${res.status} ${res.text}`);
  return { id: res.body.id, name, email, password };
}

/** `YYYY-MM-DDTHH:mm:ss` in Jakarta, as the scheduler types it into the calendar. */
export function jakartaInput(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

/** A staff member signed in through the desk's login form, in a context of their own. */
export async function signIn(browser: Browser, baseURL: string, who: StaffLogin): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newVisitor(browser, baseURL);
  const page = await context.newPage();
  await page.goto('/desk/login');
  await page.fill('input[name=email]', who.email);
  await page.fill('input[name=password]', who.password);
  await Promise.all([page.waitForURL(/\/desk\/(drafts|review|schedule|users)/), page.click('button[type=submit]')]);
  return { context, page };
}
