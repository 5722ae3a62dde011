/** One answer of a desk page: its status, where a redirect points, and the HTML. */
export interface DeskAnswer {
  status: number;
  location: string | null;
  html: string;
}

/**
 * The staff desk as a browser without JavaScript uses it: signed in through
 * the login form (the session cookie), forms posted url-encoded from the
 * desk's own origin, redirects returned rather than followed, so a test sees
 * each 303 and where it leads. `htmx()` sends what htmx sends instead of an Origin.
 */
export class DeskClient {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly headers: Record<string, string> = { origin: baseUrl },
  ) {}

  static async signIn(baseUrl: string, who: { email: string; password: string }): Promise<DeskClient> {
    const res = await fetch(`${baseUrl}/desk/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: who.email, password: who.password }).toString(),
    });
    const cookie = res.headers.get('set-cookie')?.split(';')[0];
    if (res.status !== 303 || !cookie) throw new Error(`signing in ${who.email} failed: ${res.status} ${await res.text()}`);
    return new DeskClient(baseUrl, cookie);
  }

  /** The same session, its requests marked as htmx's (HX-Request, no Origin header). */
  htmx(): DeskClient {
    return new DeskClient(this.baseUrl, this.cookie, { 'hx-request': 'true' });
  }

  get(path: string): Promise<DeskAnswer> {
    return this.request('GET', path);
  }

  post(path: string, form: Record<string, string>): Promise<DeskAnswer> {
    return this.request('POST', path, new URLSearchParams(form).toString());
  }

  private async request(method: string, path: string, body?: string): Promise<DeskAnswer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: { cookie: this.cookie, ...this.headers, ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }
}
