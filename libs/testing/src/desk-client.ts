/** One answer of a desk page: its status, where a redirect points, and the HTML. */
export interface DeskResponse {
  status: number;
  location: string | null;
  html: string;
}

export type FormFields = Record<string, string | string[]>;

/**
 * The staff desk as a browser without JavaScript uses it: it signs in through
 * the login form, keeps the session cookie, and posts forms urlencoded from the
 * desk's own origin (as a browser sends its Origin header). Redirects are not
 * followed, so a test sees each 303.
 */
export class DeskClient {
  private constructor(
    readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<DeskClient> {
    const anonymous = new DeskClient(baseUrl, '');
    const res = await anonymous.send('POST', '/desk/login', { email, password });
    const cookie = res.setCookie?.split(';')[0];
    if (res.status !== 303 || !cookie) throw new Error(`signing in ${email} at the desk failed: ${res.status} ${res.html.slice(0, 500)}`);
    return new DeskClient(baseUrl, cookie);
  }

  /** Nobody signed in. */
  static anonymous(baseUrl: string): DeskClient {
    return new DeskClient(baseUrl, '');
  }

  get(path: string): Promise<DeskResponse> {
    return this.send('GET', path);
  }

  /** A form post; a field given as a list is sent once per value, as ticked checkboxes are. */
  post(path: string, fields: FormFields, headers: Record<string, string> = { origin: this.baseUrl }): Promise<DeskResponse> {
    return this.send('POST', path, fields, headers);
  }

  private async send(method: string, path: string, fields?: FormFields, headers: Record<string, string> = { origin: this.baseUrl }): Promise<DeskResponse & { setCookie: string | null }> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields ?? {})) for (const one of [value].flat()) body.append(name, one);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded', ...headers } : {}),
      },
      body: fields ? body.toString() : undefined,
    });
    return { status: res.status, location: res.headers.get('location'), html: await res.text(), setCookie: res.headers.get('set-cookie') };
  }
}
