import { randomBytes } from 'node:crypto';
import { Agent, fetch as fetchFrom } from 'undici';
import { ApiClient, BROWSER_USER_AGENT, createStaff, ensureRubric, insertArticle, NewsroomProcesses, resetDatabase } from '@newsroom/testing';

const PUBLIC_URL = 'https://www.portal.example';
const LOGINS_PER_MINUTE = 8;

/**
 * Who the client is, and what the site calls itself, are decided by the
 * gateway's settings, never by what a request claims: forwarding headers count
 * only from NEWSROOM_TRUSTED_PROXIES (here the test's own 127.0.0.1, standing
 * in for the site's proxy), and every absolute URL comes from
 * NEWSROOM_PUBLIC_URL. The "attacker" connects from another real loopback
 * address (127.0.0.5), as a client on the internet would from its own.
 */
describe('client address and public URL', () => {
  let newsroom: NewsroomProcesses;

  beforeAll(async () => {
    await resetDatabase();
    newsroom = await NewsroomProcesses.start({
      apps: ['gateway'],
      env: { NEWSROOM_TRUSTED_PROXIES: '127.0.0.1', NEWSROOM_PUBLIC_URL: PUBLIC_URL, NEWSROOM_RATE_LIMIT_LOGINS_PER_MINUTE: String(LOGINS_PER_MINUTE) },
    });
  });
  afterAll(() => newsroom?.stop());

  /** A login attempt for an address of its own, so the per-account limit is never what answers. */
  const wrongLogin = (client: ApiClient, headers: Record<string, string> = {}) =>
    client.request('POST', '/auth/login', { email: `tamu-${randomBytes(4).toString('hex')}@newsroom.test`, password: 'salah' }, headers);

  it('limits logins per real address however X-Forwarded-For rotates', async () => {
    const attacker = newsroom.api.from('127.0.0.5');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await wrongLogin(attacker, { 'x-forwarded-for': `198.51.100.${i + 1}` })).status);
    expect(statuses.slice(0, LOGINS_PER_MINUTE)).toEqual(Array(LOGINS_PER_MINUTE).fill(401));
    expect(new Set(statuses.slice(LOGINS_PER_MINUTE))).toEqual(new Set([429]));
    // another real address has a budget of its own
    expect((await wrongLogin(newsroom.api.from('127.0.0.6'))).status).toBe(401);
  });

  it('believes X-Forwarded-For from a trusted proxy: each forwarded client has its own budget', async () => {
    const proxy = newsroom.api; // 127.0.0.1, listed in NEWSROOM_TRUSTED_PROXIES
    for (let i = 0; i < LOGINS_PER_MINUTE; i++) expect((await wrongLogin(proxy, { 'x-forwarded-for': '203.0.113.40' })).status).toBe(401);
    expect((await wrongLogin(proxy, { 'x-forwarded-for': '203.0.113.40' })).status).toBe(429);
    expect((await wrongLogin(proxy, { 'x-forwarded-for': '203.0.113.41' })).status).toBe(401);
  });

  describe('the pages', () => {
    let slug: string;

    beforeAll(async () => {
      const admin = await newsroom.adminClient();
      await ensureRubric(admin, 'dunia', 'Dunia');
      const reporter = await createStaff(admin, ['reporter'], 'Hani Fatunnisa');
      slug = (await insertArticle({ authorId: reporter.id, status: 'published' })).slug;
    });

    it.each([
      ['a Host header', '127.0.0.5', { host: 'evil.test' }],
      ['X-Forwarded-Host from an untrusted peer', '127.0.0.5', { 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'http' }],
      ['X-Forwarded-Host from the trusted proxy', '127.0.0.1', { 'x-forwarded-host': 'evil.test' }],
    ])('name the configured public URL whatever %s claims', async (_what, source, headers) => {
      const page = await newsroom.api.from(source).request('GET', `/berita/${slug}?utm_source=x`, undefined, { 'user-agent': BROWSER_USER_AGENT, ...headers });
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('evil.test');
      const url = `${PUBLIC_URL}/berita/${slug}`;
      expect(page.text).toContain(`<link rel="canonical" href="${url}">`);
      expect(page.text).toContain(`<meta property="og:url" content="${url}">`);
      const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.text)![1]);
      expect(jsonLd.mainEntityOfPage).toBe(url);
    });
  });
});

describe('the Secure flag of the desk cookie', () => {
  let newsroom: NewsroomProcesses;

  beforeAll(async () => {
    // no NEWSROOM_PUBLIC_URL: http://127.0.0.1:<port>, so only a trusted proxy's X-Forwarded-Proto makes it https
    newsroom = await NewsroomProcesses.start({ apps: ['gateway'], env: { NEWSROOM_TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(() => newsroom?.stop());

  /** The desk's login form posted as a browser would, from `source`, claiming https; the 303's Set-Cookie. */
  async function signIn(source: string, origin: string): Promise<string> {
    const res = await fetchFrom(`${newsroom.baseUrl}/desk/login`, {
      method: 'POST',
      redirect: 'manual',
      dispatcher: new Agent({ localAddress: source }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-forwarded-proto': 'https' },
      body: 'email=admin%40newsroom.local&password=admin',
    });
    expect(res.status).toBe(303);
    return res.headers.get('set-cookie') ?? '';
  }

  it('follows X-Forwarded-Proto from the trusted proxy only', async () => {
    const host = new URL(newsroom.baseUrl).host;
    expect(await signIn('127.0.0.1', `https://${host}`)).toMatch(/;\s*Secure/i);
    expect(await signIn('127.0.0.5', `http://${host}`)).not.toMatch(/;\s*Secure/i);
  });
});
