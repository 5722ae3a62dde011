import { Agent, fetch as fetchFrom } from 'undici';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** A small JSON client for the gateway, as a real client would use it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
    private readonly defaultHeaders: Record<string, string> = {},
    private readonly source?: { address: string; agent: Agent },
  ) {}

  as(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token, this.defaultHeaders, this.source);
  }

  withHeaders(headers: Record<string, string>): ApiClient {
    return new ApiClient(this.baseUrl, this.token, { ...this.defaultHeaders, ...headers }, this.source);
  }

  /**
   * The same client, connecting from another local address (anything in
   * 127.0.0.0/8 works on Linux without setup): a real, distinct client address
   * for per-address limits, which a forged X-Forwarded-For must not fake.
   */
  from(address: string): ApiClient {
    return new ApiClient(this.baseUrl, this.token, this.defaultHeaders, { address, agent: new Agent({ localAddress: address }) });
  }

  /** `body` is JSON-encoded unless it is already a string (for malformed-input tests). */
  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const init: RequestInit = {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.defaultHeaders,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    };
    const res = this.source
      ? ((await fetchFrom(`${this.baseUrl}${path}`, { ...(init as object), dispatcher: this.source.agent })) as unknown as Response)
      : await fetch(`${this.baseUrl}${path}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }
  patch<T = any>(path: string, body: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }
}
