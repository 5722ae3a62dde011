/** A non-2xx answer from the gateway: the demo stops at the first one, naming the request. */
export class DemoRequestError extends Error {}

/**
 * The demo's only way in: the gateway's HTTP API, as a real client uses it.
 * Every call must answer 2xx; anything else aborts the demo with the request,
 * the status and the gateway's message.
 */
export class DemoClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  as(token: string): DemoClient {
    return new DemoClient(this.baseUrl, token, this.headers);
  }

  withHeaders(headers: Record<string, string>): DemoClient {
    return new DemoClient(this.baseUrl, this.token, { ...this.headers, ...headers });
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      throw new DemoRequestError(`${method} ${path} answered ${res.status}: ${describe(text)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T = any>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
}

/** The contract's error `message` (a string or a list) when there is one, else the start of the body. */
function describe(text: string): string {
  try {
    const message = JSON.parse(text).message;
    if (message) return Array.isArray(message) ? message.join('; ') : String(message);
  } catch {
    /* not JSON */
  }
  return text.slice(0, 300) || '(empty body)';
}
