import { say as sayAs } from '../launcher/labelled-output';
import { DemoClient } from './demo-client';
import { DEMO_ARTICLES, DEMO_RUBRICS, DEMO_STAFF, DemoArticle, StaffKey } from './demo-content';

const say = (message: string) => sayAs(message, 'demo');

/** How far ahead the demo's scheduled article goes live: soon enough to watch it happen. */
const SCHEDULE_AHEAD_MS = 5 * 60_000;
const WAIT_TIMEOUT_MS = 20_000;
/** Node's own User-Agent ("node") is a known crawler and would count zero views; readers use browsers. */
const READER_BROWSER = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

type Desk = Record<StaffKey, DemoClient>;
interface Article {
  id: string;
  slug: string;
  version: number;
  status: string;
}

async function login(api: DemoClient, email: string, password: string): Promise<DemoClient> {
  const { accessToken } = await api.post<{ accessToken: string }>('/auth/login', { email, password });
  return api.as(accessToken);
}

/** Polls until `check` returns a value, or fails naming what it waited for. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`gave up after ${WAIT_TIMEOUT_MS / 1000} s waiting for ${what}`);
}

async function createRubrics(admin: DemoClient): Promise<void> {
  for (const rubric of DEMO_RUBRICS) await admin.post('/rubrics', rubric);
  say(`rubrics: ${DEMO_RUBRICS.map((r) => r.name).join(', ')}`);
}

async function createStaff(api: DemoClient, admin: DemoClient): Promise<Desk> {
  const desk = {} as Desk;
  for (const [key, person] of Object.entries(DEMO_STAFF) as [StaffKey, (typeof DEMO_STAFF)[StaffKey]][]) {
    await admin.post('/users', person);
    desk[key] = await login(api, person.email, person.password);
    say(`  ${person.roles.join(', ').padEnd(10)} ${person.name.padEnd(18)} ${person.email} / ${person.password}`);
  }
  return desk;
}

/** Submits a draft and waits for the draft service to hand it to review. */
async function submitForReview(reporter: DemoClient, draft: Article): Promise<Article> {
  await reporter.post(`/drafts/${draft.id}/submit`);
  return waitFor(`"${draft.slug}" to reach in_review`, async () => {
    const article = await reporter.get<Article>(`/drafts/${draft.id}`);
    if (article.status === 'changes_requested') {
      throw new Error(`the draft service sent "${draft.slug}" back (see GET /drafts/${draft.id}/history)`);
    }
    return article.status === 'in_review' ? article : undefined;
  });
}

/** Drives one article through the real workflow to its demo outcome. */
async function playArticle(desk: Desk, item: DemoArticle): Promise<Article> {
  const reporter = desk[item.author];
  const editor = desk.ratna;
  const scheduler = desk.yusuf;
  let article = await reporter.post<Article>('/drafts', item.content);
  if (item.outcome === 'draft') return article;

  article = await submitForReview(reporter, article);
  const id = article.id;
  switch (item.outcome) {
    case 'in_review':
      return article;
    case 'claimed':
      await editor.post(`/review-queue/${id}/claim`);
      return article;
    case 'changes_requested':
      return editor.post<Article>(`/review-queue/${id}/request-changes`, { version: article.version, comment: item.comment });
    case 'rejected':
      return editor.post<Article>(`/review-queue/${id}/reject`, { version: article.version, comment: item.comment });
  }

  article = await editor.post<Article>(`/review-queue/${id}/approve`, { version: article.version, comment: 'Layak terbit.' });
  switch (item.outcome) {
    case 'approved':
      return article;
    case 'scheduled':
      return scheduler.post<Article>(`/articles/${id}/schedule`, { publishAt: new Date(Date.now() + SCHEDULE_AHEAD_MS).toISOString() });
  }

  await scheduler.post(`/articles/${id}/publish`);
  article = await waitFor(`"${article.slug}" to be published`, async () => {
    const current = await reporter.get<Article>(`/drafts/${id}`);
    return current.status === 'published' ? current : undefined;
  });
  if (item.outcome === 'unpublished') return scheduler.post<Article>(`/articles/${id}/unpublish`, { reason: item.comment });
  return article;
}

/** Readers for the Populer list: distinct visitor ids, so deduplication keeps them all. */
async function sendReaders(api: DemoClient, played: { item: DemoArticle; article: Article }[]): Promise<number> {
  const views = played.flatMap(({ item, article }) =>
    item.outcome === 'published' ? Array.from({ length: item.readers ?? 0 }, (_, n) => ({ slug: article.slug, visitorId: `demo-reader-${n}` })) : [],
  );
  const browser = api.withHeaders({ 'user-agent': READER_BROWSER });
  for (let start = 0; start < views.length; start += 500) await browser.post('/views/batch', views.slice(start, start + 500));
  await waitFor('the views to reach the Populer list', async () => {
    const popular = await api.get<unknown[]>('/articles/popular?window=24h');
    return popular.length ? popular : undefined;
  });
  return views.length;
}

/**
 * Fills an empty newsroom through the gateway's HTTP API: rubrics, staff and
 * articles in every state, then readers. A newsroom that has rubrics already
 * is left alone.
 */
export async function seedDemo(baseUrl: string, adminLogin: { email: string; password: string }): Promise<void> {
  const api = new DemoClient(baseUrl);
  const existing = await api.get<unknown[]>('/rubrics');
  if (existing.length) {
    say(`demo skipped: this newsroom already has ${existing.length} rubric(s); the demo only fills an empty one`);
    return;
  }
  say('filling the newsroom with demo content ...');
  const admin = await login(api, adminLogin.email, adminLogin.password);
  await createRubrics(admin);
  say('staff (demo logins):');
  const desk = await createStaff(api, admin);

  const played: { item: DemoArticle; article: Article }[] = [];
  for (const item of DEMO_ARTICLES) {
    const article = await playArticle(desk, item);
    played.push({ item, article });
    say(`  ${article.status.padEnd(17)} ${item.content.headline}`);
  }
  const views = await sendReaders(api, played);
  say(`sent ${views} demo page views; the scheduled article goes live in about ${SCHEDULE_AHEAD_MS / 60_000} minutes`);
  say(`demo ready: ${baseUrl}/articles/latest and ${baseUrl}/articles/popular`);
}
