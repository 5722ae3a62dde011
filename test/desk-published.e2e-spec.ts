import { ApiClient, BROWSER_USER_AGENT, createStaff, DeskClient, ensureRubric, eventually, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase, Staff } from '@newsroom/testing';
import { randomBytes } from 'node:crypto';

/** A desktop browser: the view counter rightly ignores crawlers (and Node's fetch). */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x3D;': '=', '&#x60;': '`' };
/** The HTML as a reader's eye (and a regular expression) sees it: Handlebars escapes `=` and `&` in links too. */
const decoded = (html: string) => html.replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (e) => ENTITIES[e]);
/** The toast's text: the message a change that worked leaves on its page. */
const toastOf = (html: string) => /<div id="toast"[^>]*>([^<]*)<\/div>/.exec(html)?.[1];
/** One hour of the day view's grid. */
const hourRow = (html: string, hour: string) => new RegExp(`<li class="hour[^"]*" id="jam-${hour}" data-hour="${hour}">([\\s\\S]*?)</li>`).exec(decoded(html))?.[1] ?? '';
/** One row of the published list. */
const listRow = (html: string, id: string) => new RegExp(`<tr data-article-id="${id}">([\\s\\S]*?)</tr>`).exec(decoded(html))?.[1];
/** A `YYYY-MM-DD` day in Jakarta, `offset` days from today. */
const jakartaDay = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + offset * 86_400_000));

/** The correction form of an article's desk page, as the browser would post it untouched. */
function correctionForm(html: string): Record<string, string> {
  const form = /<form id="koreksi"[\s\S]*?<\/form>/.exec(html)?.[0];
  if (!form) throw new Error('no correction form on the page');
  const input = (name: string) => decoded(new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '');
  const textarea = (name: string) => decoded(new RegExp(`<textarea name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(form)?.[1] ?? '');
  return { version: input('version'), headline: input('headline'), note: textarea('note'), lead: textarea('lead'), body: textarea('body') };
}

/** A staff member with their API client and a desk session (signed in through the login form). */
interface StaffAtDesk extends Staff {
  desk: DeskClient;
}

/**
 * The desk's published articles, article page and hour-grid calendar, as a
 * browser without JavaScript (and htmx) uses them, against the real gateway
 * and view counter: what the desk does reaches the readers' site, and every
 * rule of the API holds there.
 */
describe('the desk: published articles, corrections and the hour grid (gateway, views)', () => {
  let newsroom: NewsroomProcesses;
  let reporter: StaffAtDesk;
  let editor: StaffAtDesk;
  let scheduler: StaffAtDesk;
  let reader: ApiClient;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'views'] });
    const admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    const hire = async (role: string, name: string): Promise<StaffAtDesk> => {
      const staff = await createStaff(admin, [role], name);
      return { ...staff, desk: await DeskClient.signIn(newsroom.baseUrl, staff) };
    };
    [reporter, editor, scheduler] = await Promise.all([hire('reporter', 'Hani Fatunnisa'), hire('editor', 'Ratna Kusumawati'), hire('scheduler', 'Yusuf Hidayat')]);
    reader = newsroom.api.withHeaders({ 'user-agent': BROWSER_USER_AGENT });
  });
  afterAll(() => newsroom?.stop());

  const headline = (words: string) => `${words} ${randomBytes(3).toString('hex')}`;
  const publicSlugs = async (path: string) => ((await newsroom.api.get(path)).body as { slug: string }[]).map((a) => a.slug);

  it('publishes from the calendar, then an editor takes it down from the published list: gone from its page and every public list', async () => {
    const title = headline('Jembatan Gantung Desa Diresmikan');
    const article = await insertArticle({ authorId: reporter.id, status: 'approved', headline: title });

    const published = await editor.desk.post(`/desk/schedule/${article.id}/publish`, { version: String(article.version), back: '/desk/schedule?view=week' });
    expect(published).toMatchObject({ status: 303, location: '/desk/schedule?view=week&ok=published' });
    expect(toastOf((await editor.desk.get(published.location!)).html)).toBe('Diterbitkan');
    expect((await newsroom.api.get(`/berita/${article.slug}`)).status).toBe(200);

    // a reader's view reaches the desk's list, beside the link to the public page
    await eventually(async () => (await reader.post('/views', { slug: article.slug, visitorId: `pembaca-${randomBytes(4).toString('hex')}` })).status === 202, { what: 'the view counter to know the article' });
    await eventually(async () => (await publicSlugs('/articles/popular?window=24h&limit=100')).includes(article.slug), { what: 'the article in Populer' });
    const row = await eventually(async () => {
      const list = await editor.desk.get('/desk/published');
      const found = listRow(list.html, article.id);
      return found?.includes('<td class="num">1</td>') ? found : undefined;
    }, { what: 'the view on the desk' });
    expect(row).toContain(`href="/berita/${article.slug}"`);
    expect((await newsroom.api.get('/')).text).toContain(article.slug);
    expect(await publicSlugs('/articles/latest?limit=100')).toContain(article.slug);

    // the reason is required: nothing changes without one
    const version = /name="version" value="(\d+)"/.exec(row!)![1];
    const blank = await editor.desk.post(`/desk/published/${article.id}/unpublish`, { version, reason: '  ', back: '/desk/published' });
    expect(blank.status).toBe(400);
    expect(blank.html).toMatch(/class="alert" role="alert">Gagal: reason must not be blank/);
    expect((await editor.api.get(`/drafts/${article.id}`)).body.status).toBe('published');

    // htmx posts the same form; its answer is the same redirect, whose page carries the list and the toast
    const reason = 'Narasumber mencabut pernyataannya.';
    const unpublished = await editor.desk.htmx().post(`/desk/published/${article.id}/unpublish`, { version, reason, back: '/desk/published' });
    expect(unpublished).toMatchObject({ status: 303, location: '/desk/published?ok=unpublished' });
    const after = await editor.desk.htmx().get(unpublished.location!);
    expect(after.html).toContain('id="published-list"');
    expect(listRow(after.html, article.id)).toBeUndefined();
    expect(toastOf(after.html)).toBe('Ditarik dari situs');

    expect((await newsroom.api.get(`/berita/${article.slug}`)).status).toBe(404);
    expect((await newsroom.api.get(`/articles/${article.slug}`)).status).toBe(404);
    expect(await publicSlugs('/articles/latest?limit=100')).not.toContain(article.slug);
    expect(await publicSlugs('/articles/popular?window=24h&limit=100')).not.toContain(article.slug);
    expect((await newsroom.api.get('/')).text).not.toContain(article.slug);
    expect((await newsroom.api.get('/rubrik/dunia')).text).not.toContain(article.slug);

    // the desk still finds it among the unpublished, and its page says why
    const taken = listRow((await editor.desk.get('/desk/published?status=unpublished')).html, article.id);
    expect(taken).toContain(title);
    expect(taken).not.toContain(`/berita/${article.slug}`);
    const page = await editor.desk.get(`/desk/articles/${article.id}`);
    expect(page.html).toContain(reason);
    expect(page.html).not.toContain('action="/desk/articles/' + article.id + '/unpublish"');
  });

  it('shows a correction made on the desk under the public article; a stale one is refused with 409 and changes nothing', async () => {
    const article = await insertArticle({ authorId: reporter.id, status: 'published', headline: headline('Harga Cabai Turun Jelang Panen Raya') });
    const before = (await editor.api.get(`/drafts/${article.id}`)).body;

    // the form is filled from the current version
    const form = correctionForm((await editor.desk.get(`/desk/articles/${article.id}`)).html);
    expect(form).toEqual({ version: String(before.version), headline: before.headline, note: '', lead: before.lead ?? '', body: before.body });

    const note = 'Judul sebelumnya menyebut harga naik; yang benar turun tajam.';
    const corrected = await editor.desk.post(`/desk/articles/${article.id}/correct`, { ...form, note, headline: `${before.headline} Tajam` });
    expect(corrected).toMatchObject({ status: 303, location: `/desk/articles/${article.id}?ok=corrected` });
    expect(toastOf((await editor.desk.get(corrected.location!)).html)).toBe('Koreksi disimpan');

    const publicPage = await newsroom.api.get(`/berita/${article.slug}`);
    expect(publicPage.status).toBe(200);
    expect(publicPage.text).toContain(note);
    expect(decoded(publicPage.text)).toContain(`${before.headline} Tajam`);
    const now = (await editor.api.get(`/drafts/${article.id}`)).body;
    // only the headline changed: the untouched body went back as it was
    expect(now).toMatchObject({ version: before.version + 1, headline: `${before.headline} Tajam`, body: before.body, lead: before.lead, corrections: [{ note }] });

    // a second window, filled before that correction, is refused and keeps its text
    const stale = await editor.desk.post(`/desk/articles/${article.id}/correct`, { ...form, note: 'Catatan dari jendela lama.', headline: 'Judul dari jendela lama' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain(`Berita ini sudah diubah orang lain (versi ${now.version})`);
    expect(correctionForm(stale.html)).toMatchObject({ note: 'Catatan dari jendela lama.', headline: 'Judul dari jendela lama', version: String(before.version) });
    expect((await editor.api.get(`/drafts/${article.id}`)).body).toMatchObject({ version: now.version, headline: now.headline, corrections: [{ note }] });
    expect((await newsroom.api.get(`/berita/${article.slug}`)).text).not.toContain('jendela lama');

    // schedulers may take articles down but not correct them: no form, and a post is refused
    const schedulersPage = await scheduler.desk.get(`/desk/articles/${article.id}`);
    expect(schedulersPage.status).toBe(200);
    expect(schedulersPage.html).not.toContain('id="koreksi"');
    expect((await scheduler.desk.post(`/desk/articles/${article.id}/correct`, { ...form, version: String(now.version), note: 'Dari penjadwal.' })).status).toBe(403);
    expect((await editor.api.get(`/drafts/${article.id}`)).body.version).toBe(now.version);
  });

  it('pages a burst published in one moment without skipping any of it', async () => {
    const burst = await Promise.all(Array.from({ length: 55 }, (_, i) => insertArticle({ authorId: reporter.id, status: 'published', headline: headline(`Serentak ${i}`) })));
    // one updatedAt for all, as a publication batch writes it, and newer than anything else here
    await queryTestDatabase(`update articles set updated_at = date_trunc('milliseconds', now() + interval '1 day') where id = any($1::uuid[])`, [burst.map((a) => a.id)]);
    const listed = (html: string) => [...html.matchAll(/href="\/desk\/articles\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const first = await editor.desk.get('/desk/published');
    // the next page's link, as a browser reads it out of Handlebars' escaping
    const next = /href="(\/desk\/published\?[^"]*before[^"]*)"/.exec(first.html)?.[1]?.replaceAll('&#x3D;', '=').replaceAll('&amp;', '&');
    expect(next).toContain('beforeId=');
    const second = await editor.desk.get(next!);
    const shown = new Set([...listed(first.html), ...listed(second.html)]);
    expect(burst.filter((a) => !shown.has(a.id))).toEqual([]);
  });

  it('keeps reporters out of the published articles and the article pages', async () => {
    const article = await insertArticle({ authorId: reporter.id, status: 'published', headline: headline('Festival Layang-Layang Pantai') });
    for (const path of ['/desk/published', '/desk/published?status=unpublished', `/desk/articles/${article.id}`]) {
      expect([path, (await reporter.desk.get(path)).status]).toEqual([path, 403]);
    }
    expect((await reporter.desk.post(`/desk/published/${article.id}/unpublish`, { reason: 'Saya penulisnya.', back: '/desk/published' })).status).toBe(403);
    expect((await reporter.desk.post(`/desk/articles/${article.id}/unpublish`, { reason: 'Saya penulisnya.' })).status).toBe(403);
    expect((await reporter.desk.post(`/desk/articles/${article.id}/correct`, { version: '3', note: 'Saya penulisnya.', headline: 'x', body: '<p>x</p>' })).status).toBe(403);
    expect((await editor.api.get(`/drafts/${article.id}`)).body).toMatchObject({ status: 'published', version: article.version });
    expect((await reporter.desk.get('/desk/drafts')).html).not.toContain('Berita terbit');
    expect((await scheduler.desk.get('/desk/published')).html).toMatch(/<a href="\/desk\/published" class="active">Berita terbit<\/a>/);
  });

  it('schedules an approved article from an empty hour of the day view, at that WIB hour', async () => {
    const day = jakartaDay(1);
    const article = await insertArticle({ authorId: reporter.id, status: 'approved', headline: headline('Kapal Tol Laut Tiba di Pelabuhan') });
    const dayView = `/desk/schedule?view=day&date=${day}`;

    const calendar = await scheduler.desk.get(dayView);
    expect(calendar.status).toBe(200);
    expect([...calendar.html.matchAll(/data-hour="(\d\d)"/g)].map((m) => m[1])).toEqual(Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')));
    expect(hourRow(calendar.html, '14')).toContain(`href="${dayView}&slot=14#jam-14"`);
    // the approved list links to the article's desk page
    expect(calendar.html).toContain(`href="/desk/articles/${article.id}"`);

    // the slot's form: the hour's WIB time, the approved articles to choose from; one form at a time
    const slot = await scheduler.desk.get(`${dayView}&slot=14`);
    const row = hourRow(slot.html, '14');
    expect(row).toContain('action="/desk/schedule/slot"');
    expect(row).toContain(`name="publishAt" value="${day}T14:00"`);
    expect(row).toContain(`<option value="${article.id}">`);
    expect(slot.html.match(/class="slot-form"/g)).toHaveLength(1);

    const scheduled = await scheduler.desk.post('/desk/schedule/slot', { back: dayView, article: article.id, publishAt: `${day}T14:00` });
    expect(scheduled).toMatchObject({ status: 303, location: `${dayView}&ok=scheduled` });
    const saved = (await scheduler.api.get(`/drafts/${article.id}`)).body;
    expect(saved.status).toBe('scheduled');
    expect(new Date(saved.scheduledFor).toISOString()).toBe(new Date(`${day}T14:00:00+07:00`).toISOString());

    // it stands in its hour, and the slot is no longer offered there
    const after = await scheduler.desk.get(scheduled.location!);
    expect(toastOf(after.html)).toBe('Dijadwalkan');
    expect(hourRow(after.html, '14')).toContain(`data-article-id="${article.id}"`);
    expect(hourRow(after.html, '14')).toContain('14:00 WIB');
    expect(hourRow(after.html, '14')).not.toContain('slot=14');
    expect(hourRow(after.html, '13')).not.toContain(article.id);
    // and in its day's column of the week
    const week = await scheduler.desk.get(`/desk/schedule?view=week&date=${day}`);
    expect(week.html.match(/<section class="calendar-day/g)).toHaveLength(7);
    expect(week.html).toContain(`data-article-id="${article.id}"`);

    // a slot in the past is refused with the API's reason, and the schedule stays
    const past = await scheduler.desk.post('/desk/schedule/slot', { back: dayView, article: article.id, publishAt: `${jakartaDay(-1)}T14:00` });
    expect(past.status).toBe(422);
    expect(past.html).toContain('id="calendar-body"');
    expect(past.html).toMatch(/class="alert" role="alert">Gagal: /);
    expect(Date.parse((await scheduler.api.get(`/drafts/${article.id}`)).body.scheduledFor)).toBe(Date.parse(saved.scheduledFor));

    // a flash key shows only the desk's own words; anything else shows nothing
    const forged = await scheduler.desk.get(`${dayView}&ok=${encodeURIComponent('<b>dibobol</b>')}`);
    expect(forged.status).toBe(200);
    expect(toastOf(forged.html)).toBe('');
    expect(forged.html).not.toContain('dibobol');
  });
});
