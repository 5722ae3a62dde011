import { ApiClient, createStaff, DeskClient, DeskResponse, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

const alertText = (page: DeskResponse) => /<p class="alert" role="alert">([^<]*)<\/p>/.exec(page.html)?.[1];
const noticeText = (page: DeskResponse) => /<p class="notice" role="status">([^<]*)<\/p>/.exec(page.html)?.[1];

/**
 * The admin's account page (/desk/users/:id) and everyone's password page
 * (/desk/password), used as a browser without JavaScript uses them; each
 * effect checked through the API.
 */
describe('the desk\'s account pages', () => {
  let newsroom: NewsroomProcesses;
  let admin: ApiClient;
  let adminDesk: DeskClient;
  let adminId: string;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'] });
    admin = await newsroom.adminClient();
    adminId = (await admin.get('/users/me')).body.id;
    adminDesk = await DeskClient.signIn(newsroom.baseUrl, { email: 'admin@newsroom.local', password: 'admin' });
  });
  afterAll(() => newsroom?.stop());

  it('links each account from the staff list, and shows its roles, state and audit', async () => {
    const editor = await createStaff(admin, ['editor'], 'Ratna Kusumawati');
    const list = await adminDesk.get('/desk/users');
    expect(list.html).toContain(`<a href="/desk/users/${editor.id}">Ratna Kusumawati</a>`);
    const page = await adminDesk.get(`/desk/users/${editor.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<input type="checkbox" name="roles" value="editor" checked/);
    expect(page.html).toContain('data-event="created"');
    expect(page.html).toContain('Akun dibuat');
  });

  it('renames and changes roles from the form: the old session ends, the audit says who did what', async () => {
    const staff = await createStaff(admin, ['editor'], 'Budi Santoso');
    const desk = await DeskClient.signIn(newsroom.baseUrl, staff);
    const saved = await adminDesk.post(`/desk/users/${staff.id}`, { name: 'Budi Santoso S.', roles: ['reporter'] });
    expect(saved).toMatchObject({ status: 303, location: `/desk/users/${staff.id}?done=updated` });
    const after = await adminDesk.get(saved.location!);
    expect(noticeText(after)).toBe('Perubahan disimpan.');
    expect(after.html).toContain('Peran diubah: Editor → Reporter');
    expect(after.html).toContain('Nama diubah: Budi Santoso → Budi Santoso S.');
    expect((await admin.get(`/users/${staff.id}`)).body).toMatchObject({ name: 'Budi Santoso S.', roles: ['reporter'], active: true });
    // their desk session is over: back to the login page
    expect(await desk.get('/desk/review')).toMatchObject({ status: 303, location: '/desk/login' });
  });

  it('shows a refusal in Indonesian with what was typed, and stores nothing', async () => {
    const staff = await createStaff(admin, ['reporter'], 'Sari Dewi');
    const refused = await adminDesk.post(`/desk/users/${staff.id}`, { name: 'Sari Dewi Baru', roles: [] });
    expect(refused.status).toBe(400);
    expect(alertText(refused)).toBe('Pilih minimal satu peran.');
    expect(refused.html).toContain('value="Sari Dewi Baru"');
    const lastAdmin = await adminDesk.post(`/desk/users/${adminId}/deactivate`, {});
    expect(lastAdmin.status).toBe(409);
    expect(alertText(lastAdmin)).toContain('admin aktif terakhir');
    expect((await admin.get(`/users/${staff.id}`)).body).toMatchObject({ name: 'Sari Dewi', roles: ['reporter'] });
    expect((await admin.get('/users/me')).body.active).toBe(true);
  });

  it('deactivates (their desk session ends, the login page says why) and reactivates', async () => {
    const staff = await createStaff(admin, ['scheduler'], 'Yusuf Hidayat');
    const desk = await DeskClient.signIn(newsroom.baseUrl, staff);
    const off = await adminDesk.post(`/desk/users/${staff.id}/deactivate`, {});
    expect(off).toMatchObject({ status: 303, location: `/desk/users/${staff.id}?done=deactivated` });
    const page = await adminDesk.get(off.location!);
    expect(page.html).toContain('Aktifkan kembali');
    expect(page.html).toContain('Nonaktif');
    expect(await desk.get('/desk/schedule')).toMatchObject({ status: 303, location: '/desk/login' });
    const login = await DeskClient.anonymous(newsroom.baseUrl).post('/desk/login', { email: staff.email, password: staff.password });
    expect(login.status).toBe(401);
    expect(alertText(login)).toBe('Akun ini sudah dinonaktifkan. Hubungi admin redaksi.');

    expect(await adminDesk.post(`/desk/users/${staff.id}/reactivate`, {})).toMatchObject({ status: 303, location: `/desk/users/${staff.id}?done=reactivated` });
    expect((await (await DeskClient.signIn(newsroom.baseUrl, staff)).get('/desk/schedule')).status).toBe(200);
  });

  it('is the admin\'s only: other roles get the 403 page', async () => {
    const editor = await createStaff(admin, ['editor']);
    const desk = await DeskClient.signIn(newsroom.baseUrl, editor);
    expect((await desk.get(`/desk/users/${editor.id}`)).status).toBe(403);
    expect((await desk.post(`/desk/users/${editor.id}`, { name: 'x', roles: ['admin'] })).status).toBe(403);
    expect((await admin.get(`/users/${editor.id}`)).body.roles).toEqual(['editor']);
  });

  it('lets anyone change their own password: a wrong current one is refused, the new one works, the other sessions end', async () => {
    const staff = await createStaff(admin, ['reporter']);
    const desk = await DeskClient.signIn(newsroom.baseUrl, staff);
    const otherDesk = await DeskClient.signIn(newsroom.baseUrl, staff);
    expect((await desk.get('/desk/drafts')).html).toContain('href="/desk/password"');

    const wrong = await desk.post('/desk/password', { currentPassword: 'bukan-ini', newPassword: 'rahasia-baru-sekali' });
    expect(wrong.status).toBe(403);
    expect(alertText(wrong)).toBe('Kata sandi sekarang salah.');
    expect(wrong.html).not.toContain('bukan-ini');
    expect(wrong.html).not.toContain('rahasia-baru-sekali');

    const changed = await desk.post('/desk/password', { currentPassword: staff.password, newPassword: 'rahasia-baru-sekali' });
    expect(changed).toMatchObject({ status: 303, location: '/desk/password?done=changed' });
    expect(noticeText(await desk.get(changed.location!))).toBe('Kata sandi diganti. Sesi Anda yang lain sudah berakhir.');
    expect((await desk.get('/desk/drafts')).status).toBe(200);
    expect(await otherDesk.get('/desk/drafts')).toMatchObject({ status: 303, location: '/desk/login' });
    await DeskClient.signIn(newsroom.baseUrl, { email: staff.email, password: 'rahasia-baru-sekali' });
  });
});
