import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import { ApiClient, createStaff, DeskClient, DeskResponse, ensureRubric, eventually, freePort, insertArticle, NewsroomProcesses, queryTestDatabase, resetDatabase, Staff } from '@newsroom/testing';

/**
 * The desk's admin pages (users, rubrics, webhooks) used as a browser without
 * JavaScript uses them: form posts, 303 redirects, the session cookie. Every
 * effect is checked through the public API, the way the rest of the newsroom
 * would see it.
 */

/** The labels of the desk's navigation, in order. */
function navLabels(page: DeskResponse): string[] {
  const nav = /<nav class="desk-nav">(.*?)<\/nav>/s.exec(page.html)?.[1] ?? '';
  return [...nav.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
}

/** What the page's alert says (the reason a form was refused). */
function alertText(page: DeskResponse): string | undefined {
  return /<p class="alert" role="alert">([^<]*)<\/p>/.exec(page.html)?.[1];
}

/** A webhook receiver on loopback that accepts every delivery. */
async function startReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  server.listen(await freePort(), '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/hooks/newsroom`, close: () => new Promise((r) => server.close(() => r())) };
}

const FORBIDDEN_TEXT = 'Akun Anda tidak punya akses ke meja redaksi.';
const GOOD_WEBHOOK = { url: 'https://portal.example/hooks/newsroom', events: ['review.approved', 'article.published'], secret: 'rahasia-yang-cukup-panjang' };

describe('the desk\'s admin pages: users, rubrics, webhooks', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let adminDesk: DeskClient;
  let reporter: Staff;
  let editor: Staff;
  let scheduler: Staff;
  const desks = {} as Record<'reporter' | 'editor' | 'scheduler', DeskClient>;

  beforeAll(async () => {
    await resetDatabase();
    // the review service delivers webhooks, for the delivery log
    // the receiver runs on this machine; portal.example only has to be accepted (it has no DNS here)
    newsroom = await NewsroomProcesses.start({ apps: ['gateway', 'review'], env: { NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1,portal.example' } });
    admin = await newsroom.adminClient();
    await ensureRubric(admin, 'dunia', 'Dunia');
    [reporter, editor, scheduler] = await Promise.all([
      createStaff(admin, ['reporter'], 'Hani Fatunnisa'),
      createStaff(admin, ['editor'], 'Ratna Kusumawati'),
      createStaff(admin, ['scheduler'], 'Yusuf Hidayat'),
    ]);
    adminDesk = await DeskClient.signIn(newsroom.baseUrl, { email: 'admin@newsroom.local', password: 'admin' });
    for (const [role, person] of [['reporter', reporter], ['editor', editor], ['scheduler', scheduler]] as const) {
      desks[role] = await DeskClient.signIn(newsroom.baseUrl, person);
    }
  });
  afterAll(() => newsroom?.stop());

  it('takes an admin to the staff list, with their pages and no others in the navigation', async () => {
    expect(await adminDesk.get('/desk')).toMatchObject({ status: 303, location: '/desk/users' });
    const page = await adminDesk.get('/desk/users');
    expect(page.status).toBe(200);
    expect(navLabels(page)).toEqual(['Pengguna', 'Rubrik', 'Webhook']);
    expect(page.html).toContain(editor.email);
    expect(page.html).toContain('Ratna Kusumawati');
  });

  it('opens an account from the form, and its owner can sign in with it', async () => {
    const email = 'dewi.lestari@newsroom.test';
    const created = await adminDesk.post('/desk/users', { email, name: '  Dewi Lestari ', password: 'rahasia-dewi', roles: ['reporter', 'editor'] });
    expect(created).toMatchObject({ status: 303, location: '/desk/users?done=created' });
    const list = await adminDesk.get(created.location!);
    expect(list.html).toContain('Akun dibuat.');
    expect(list.html).toMatch(/<td><a href="\/desk\/users\/[0-9a-f-]{36}">Dewi Lestari<\/a><\/td><td>dewi\.lestari@newsroom\.test<\/td><td>Reporter, Editor<\/td><td>Aktif<\/td>/);

    const users = await admin.get('/users');
    expect(users.status).toBe(200);
    expect(users.body.find((u: { email: string }) => u.email === email)).toEqual({ id: expect.any(String), email, name: 'Dewi Lestari', roles: ['reporter', 'editor'], active: true });
    expect(users.text).not.toMatch(/password|rahasia/i);

    const dewi = await DeskClient.signIn(newsroom.baseUrl, { email, password: 'rahasia-dewi' });
    expect(await dewi.get('/desk')).toMatchObject({ status: 303, location: '/desk/drafts' });
    expect(navLabels(await dewi.get('/desk/drafts'))).toEqual(['Naskah saya', 'Antrean review', 'Kalender terbit', 'Berita terbit', 'Rubrik']);
    expect((await newsroom.api.post('/auth/login', { email, password: 'rahasia-dewi' })).status).toBe(200);
  });

  it('shows a refused account form again with the reasons in Indonesian and what was typed, and creates nothing', async () => {
    const before = (await admin.get('/users')).body.length;

    const taken = await adminDesk.post('/desk/users', { email: editor.email.toUpperCase(), name: 'Ratna Lain', password: 'kata-sandi-baru', roles: 'scheduler' });
    expect(taken.status).toBe(409);
    expect(alertText(taken)).toBe('Email ini sudah dipakai akun lain.');
    expect(taken.html).toContain(`value="${editor.email.toUpperCase()}"`);
    expect(taken.html).toContain('value="Ratna Lain"');
    expect(taken.html).toContain('value="scheduler" checked');
    expect(taken.html).not.toContain('kata-sandi-baru');

    const invalid = await adminDesk.post('/desk/users', { email: 'bukan-email', name: 'Tanpa Peran', password: 'pendek' });
    expect(invalid.status).toBe(400);
    expect(alertText(invalid)).toBe('Email tidak valid. Kata sandi minimal 8 karakter. Pilih minimal satu peran.');
    expect(invalid.html).toContain('value="bukan-email"');

    const blankName = await adminDesk.post('/desk/users', { email: 'kosong@newsroom.test', name: '   ', password: 'cukup-panjang', roles: 'reporter' });
    expect(blankName.status).toBe(400);
    expect(alertText(blankName)).toBe('Nama wajib diisi dan tidak boleh terlalu panjang.');

    const unknownRole = await adminDesk.post('/desk/users', { email: 'peran@newsroom.test', name: 'Peran Aneh', password: 'cukup-panjang', roles: 'superuser' });
    expect(unknownRole.status).toBe(400);
    expect(alertText(unknownRole)).toBe('Pilih minimal satu peran.');

    expect((await admin.get('/users')).body.length).toBe(before);
  });

  it('lists every account on the staff page, however many pages of GET /users that takes', async () => {
    // more than one page (500): inserted in one statement, so they share one created_at and only their ids order them
    await queryTestDatabase(
      `insert into users (id, email, name, password_hash, roles, created_at)
       select gen_random_uuid(), 'massal-' || i || '@newsroom.test', 'Staf Massal ' || i, 'tidak-bisa-masuk', '{reporter}', now() from generate_series(1, 501) i`,
    );
    try {
      const page = await adminDesk.get('/desk/users');
      expect(page.status).toBe(200);
      const listed = [...page.html.matchAll(/<td>(massal-\d+@newsroom\.test)<\/td>/g)].map((m) => m[1]);
      expect(listed).toHaveLength(501);
      expect(new Set(listed).size).toBe(501);
      expect(page.html).toContain('admin@newsroom.local');
      expect(page.html).toContain(editor.email);
    } finally {
      await queryTestDatabase(`delete from users where email like 'massal-%@newsroom.test'`);
    }
  });

  it('adds rubrics for admins and editors, and refuses a taken or malformed slug', async () => {
    const byAdmin = await adminDesk.post('/desk/rubrics', { slug: 'ekonomi-bisnis', name: 'Ekonomi & Bisnis' });
    expect(byAdmin).toMatchObject({ status: 303, location: '/desk/rubrics?done=created' });
    const byEditor = await desks.editor.post('/desk/rubrics', { slug: 'olahraga', name: 'Olahraga' });
    expect(byEditor).toMatchObject({ status: 303, location: '/desk/rubrics?done=created' });
    const expected = [
      { slug: 'dunia', name: 'Dunia' },
      { slug: 'ekonomi-bisnis', name: 'Ekonomi & Bisnis' },
      { slug: 'olahraga', name: 'Olahraga' },
    ];
    expect((await newsroom.api.get('/rubrics')).body).toEqual(expected);
    const page = await desks.editor.get('/desk/rubrics?done=created');
    expect(page.html).toContain('Rubrik dibuat.');
    expect(page.html).toContain('Ekonomi &amp; Bisnis');

    const taken = await desks.editor.post('/desk/rubrics', { slug: 'dunia', name: 'Dunia Lain' });
    expect(taken.status).toBe(409);
    expect(alertText(taken)).toBe('Slug ini sudah dipakai rubrik lain.');
    expect(taken.html).toContain('value="Dunia Lain"');
    const malformed = await adminDesk.post('/desk/rubrics', { slug: 'Sains Teknologi', name: 'Sains' });
    expect(malformed.status).toBe(400);
    expect(alertText(malformed)).toBe('Slug hanya boleh berisi huruf kecil, angka, dan tanda hubung di antara kata.');
    expect(malformed.html).toContain('value="Sains Teknologi"');
    expect((await newsroom.api.get('/rubrics')).body).toEqual(expected);
  });

  it('subscribes a webhook, shows its deliveries and deletes it', async () => {
    const receiver = await startReceiver();
    try {
      const created = await adminDesk.post('/desk/webhooks', { url: receiver.url, events: 'review.approved', secret: 'rahasia-webhook-portal' });
      expect(created).toMatchObject({ status: 303, location: '/desk/webhooks?done=created' });
      const [hook] = (await admin.get('/webhooks')).body;
      expect(hook).toMatchObject({ url: receiver.url, events: ['review.approved'], active: true });
      const list = await adminDesk.get(created.location!);
      expect(list.html).toContain('Webhook dibuat.');
      expect(list.html).toContain(`<a href="/desk/webhooks/${hook.id}">${receiver.url}</a>`);
      expect(list.html).toContain('Naskah disetujui');
      expect(list.html).not.toContain('rahasia-webhook-portal');
      expect((await adminDesk.get(`/desk/webhooks/${hook.id}`)).html).toContain('Belum ada pengiriman.');

      // an approval is delivered, and the log shows the attempt
      const article = await insertArticle({ authorId: reporter.id, status: 'in_review' });
      expect((await editor.api.post(`/review-queue/${article.id}/approve`, { version: article.version })).status).toBe(200);
      const [delivery] = await eventually(async () => {
        const res = await admin.get(`/webhooks/${hook.id}/deliveries`);
        return res.body.length ? res.body : undefined;
      }, { timeoutMs: 20_000, what: 'a recorded delivery' });
      const log = await adminDesk.get(`/desk/webhooks/${hook.id}`);
      expect(log.status).toBe(200);
      expect(log.html).toContain(receiver.url);
      const row = new RegExp(`<tr data-delivery-id="${delivery.id}">(.*?)</tr>`, 's').exec(log.html)?.[1] ?? '';
      expect(row).toContain('Naskah disetujui');
      expect(row).toContain('Terkirim');
      expect(row).toContain('HTTP 204');
      expect(row).toContain(delivery.eventId);
      expect(row).toMatch(/WIB/);

      const deleted = await adminDesk.post(`/desk/webhooks/${hook.id}/delete`, {});
      expect(deleted).toMatchObject({ status: 303, location: '/desk/webhooks?done=deleted' });
      expect((await admin.get('/webhooks')).body).toEqual([]);
      expect((await adminDesk.get(deleted.location!)).html).toContain('Webhook dihapus.');
      const again = await adminDesk.post(`/desk/webhooks/${hook.id}/delete`, {});
      expect(again.status).toBe(404);
      expect(alertText(again)).toBe('Webhook tidak ditemukan (mungkin sudah dihapus).');
      expect((await adminDesk.get(`/desk/webhooks/${hook.id}`)).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it('refuses a bad subscription with the reasons in Indonesian and stores nothing', async () => {
    const noEvents = await adminDesk.post('/desk/webhooks', { url: 'ftp://portal.example/hooks', secret: 'pendek' });
    expect(noEvents.status).toBe(400);
    expect(alertText(noEvents)).toBe('URL penerima harus alamat http:// atau https:// yang lengkap. Pilih minimal satu peristiwa. Rahasia tanda tangan minimal 16 karakter.');
    expect(noEvents.html).toContain('value="ftp://portal.example/hooks"');
    expect(noEvents.html).not.toContain('pendek');
    const unknownEvent = await adminDesk.post('/desk/webhooks', { ...GOOD_WEBHOOK, events: ['review.approved', 'review.claimed'] });
    expect(unknownEvent.status).toBe(400);
    expect(unknownEvent.html).toContain('value="review.approved" checked');
    // the internal network is no target (127.0.0.1 alone is allowed in this suite)
    const internal = await adminDesk.post('/desk/webhooks', { ...GOOD_WEBHOOK, url: 'http://10.0.0.7:6379/' });
    expect(internal.status).toBe(400);
    expect(alertText(internal)).toContain('mengarah ke jaringan internal');
    expect(internal.html).toContain('value="http://10.0.0.7:6379/"');
    const unresolvable = await adminDesk.post('/desk/webhooks', { ...GOOD_WEBHOOK, url: 'https://tidak-ada.invalid/hooks' });
    expect(unresolvable.status).toBe(400);
    expect(alertText(unresolvable)).toBe('Nama host penerima tidak ditemukan di DNS. Periksa kembali penulisan URL-nya.');
    expect((await admin.get('/webhooks')).body).toEqual([]);
  });

  describe('who may use them', () => {
    const PAGES = ['/desk/users', '/desk/webhooks'];

    it('shows each role only its own pages in the navigation', async () => {
      expect(navLabels(await desks.reporter.get('/desk/drafts'))).toEqual(['Naskah saya']);
      expect(navLabels(await desks.editor.get('/desk/review'))).toEqual(['Antrean review', 'Kalender terbit', 'Berita terbit', 'Rubrik']);
      expect(navLabels(await desks.scheduler.get('/desk/schedule'))).toEqual(['Kalender terbit', 'Berita terbit']);
    });

    it.each(['reporter', 'editor', 'scheduler'] as const)('gives a %s the forbidden page on the admin\'s pages, and their forms change nothing', async (role) => {
      const desk = desks[role];
      const hook = await admin.post('/webhooks', GOOD_WEBHOOK);
      const usersBefore = (await admin.get('/users')).body.length;
      try {
        for (const path of [...PAGES, `/desk/webhooks/${hook.body.id}`]) {
          const page = await desk.get(path);
          expect({ path, status: page.status }).toEqual({ path, status: 403 });
          expect(page.html).toContain(FORBIDDEN_TEXT);
        }
        const posts: [string, Record<string, string | string[]>][] = [
          ['/desk/users', { email: `${role}-baru@newsroom.test`, name: 'Akun Gelap', password: 'rahasia-gelap', roles: 'admin' }],
          ['/desk/webhooks', GOOD_WEBHOOK],
          [`/desk/webhooks/${hook.body.id}/delete`, {}],
        ];
        for (const [path, fields] of posts) expect({ path, status: (await desk.post(path, fields)).status }).toEqual({ path, status: 403 });
        expect((await admin.get('/users')).body.length).toBe(usersBefore);
        expect((await admin.get('/webhooks')).body.map((w: { id: string }) => w.id)).toEqual([hook.body.id]);
      } finally {
        await admin.delete(`/webhooks/${hook.body.id}`);
      }
    });

    it('gives reporters and schedulers the forbidden page on the rubrics, and their form changes nothing', async () => {
      for (const role of ['reporter', 'scheduler'] as const) {
        const page = await desks[role].get('/desk/rubrics');
        expect(page.status).toBe(403);
        expect(page.html).toContain(FORBIDDEN_TEXT);
        expect((await desks[role].post('/desk/rubrics', { slug: `rubrik-${role}`, name: 'Rubrik Gelap' })).status).toBe(403);
      }
      const slugs = (await newsroom.api.get('/rubrics')).body.map((r: { slug: string }) => r.slug);
      expect(slugs).not.toContain('rubrik-reporter');
      expect(slugs).not.toContain('rubrik-scheduler');
    });

    it('sends visitors who are not signed in to the login page', async () => {
      const visitor = DeskClient.anonymous(newsroom.baseUrl);
      for (const path of [...PAGES, '/desk/rubrics']) expect(await visitor.get(path)).toMatchObject({ status: 303, location: '/desk/login' });
      expect(await visitor.post('/desk/users', { email: 'x@newsroom.test', name: 'X', password: 'rahasia-x', roles: 'admin' })).toMatchObject({ status: 303, location: '/desk/login' });
    });

    it('refuses an admin\'s form posted from another site, or without an Origin', async () => {
      const before = (await admin.get('/users')).body.length;
      const fields = { email: 'csrf@newsroom.test', name: 'Dari Luar', password: 'rahasia-luar', roles: 'admin' };
      expect((await adminDesk.post('/desk/users', fields, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await adminDesk.post('/desk/users', fields, {})).status).toBe(403);
      expect((await adminDesk.post('/desk/rubrics', { slug: 'dari-luar', name: 'Luar' }, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await admin.get('/users')).body.length).toBe(before);
      expect((await newsroom.api.get('/rubrics')).body.map((r: { slug: string }) => r.slug)).not.toContain('dari-luar');
    });
  });
});
