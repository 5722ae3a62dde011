/** One answer of a desk page: its status, where a redirect points, and the HTML. */
export interface DeskResponse {
  status: number;
  location: string | null;
  html: string;
}

export type FormFields = Record<string, string | string[]>;

/**
 * The staff desk as a browser without JavaScript uses it: signed in through
 * the login form (the session cookie), forms posted url-encoded from the
 * desk's own origin (as a browser sends its Origin header), redirects returned
 * rather than followed, so a test sees each 303 and where it leads. `htmx()`
 * sends what htmx sends instead of an Origin.
 */
export class DeskClient {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
    private readonly headers: Record<string, string> = { origin: baseUrl },
  ) {}

  static async signIn(baseUrl: string, who: { email: string; password: string }): Promise<DeskClient> {
    const res = await DeskClient.anonymous(baseUrl).send('POST', '/desk/login', { email: who.email, password: who.password });
    const cookie = res.setCookie?.split(';')[0];
    if (res.status !== 303 || !cookie) throw new Error(`signing in ${who.email} at the desk failed: ${res.status} ${res.html.slice(0, 500)}`);
    return new DeskClient(baseUrl, cookie);
  }

  /** The session token the desk's cookie holds (a stolen cookie, as an attacker would replay it). */
  get sessionToken(): string {
    return decodeURIComponent(this.cookie.slice(this.cookie.indexOf('=') + 1));
  }

  /** Nobody signed in. */
  static anonymous(baseUrl: string): DeskClient {
    return new DeskClient(baseUrl, '');
  }

  /** The same session, its requests marked as htmx's (HX-Request, no Origin header). */
  htmx(): DeskClient {
    return new DeskClient(this.baseUrl, this.cookie, { 'hx-request': 'true' });
  }

  get(path: string): Promise<DeskResponse> {
    return this.send('GET', path);
  }

  /** A form post; a field given as a list is sent once per value, as ticked checkboxes are. */
  post(path: string, fields: FormFields, headers: Record<string, string> = this.headers): Promise<DeskResponse> {
    return this.send('POST', path, fields, headers);
  }

  private async send(method: string, path: string, fields?: FormFields, headers: Record<string, string> = this.headers): Promise<DeskResponse & { setCookie: string | null }> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields ?? {})) for (const one of [value].flat()) body.append(name, one);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: fields ? body.toString() : undefined,
    });
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), setCookie: res.headers.get('set-cookie') };
  }
}
