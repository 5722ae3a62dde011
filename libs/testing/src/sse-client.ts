import { eventually } from './eventually';

export interface SseMessage {
  event: string;
  data: string;
  /** when this client received it (ms since the epoch) */
  receivedAt: number;
}

/**
 * A Server-Sent Events client on fetch's streaming body, as a browser's
 * EventSource would see the stream: named events with their data, comments
 * skipped. Collects everything it receives until `close()`.
 */
export class SseClient {
  readonly messages: SseMessage[] = [];
  /** when the server ended the stream (ms since the epoch); undefined while it is open or after close() */
  endedAt: number | undefined;
  private comments = 0;

  private constructor(
    readonly status: number,
    readonly contentType: string | null,
    private readonly controller: AbortController,
  ) {}

  /** Opens the stream; a non-200 answer is returned (not thrown) with its status, and nothing is read. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController();
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    const client = new SseClient(res.status, res.headers.get('content-type'), controller);
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      return client;
    }
    void client.read(res.body);
    return client;
  }

  /** How many comment lines (heartbeats, the greeting) arrived. */
  get commentCount(): number {
    return this.comments;
  }

  /** The first message (received at or after `since`) that matches, waiting up to `timeoutMs`. */
  waitFor(match: (m: SseMessage) => boolean, options: { timeoutMs?: number; since?: number; what?: string } = {}): Promise<SseMessage> {
    const since = options.since ?? 0;
    return eventually(() => this.messages.find((m) => m.receivedAt >= since && match(m)), {
      timeoutMs: options.timeoutMs ?? 5000,
      intervalMs: 10,
      what: options.what ?? 'a server-sent event',
    });
  }

  /** Waits until the server ends the stream, up to `timeoutMs`; resolves with when it did. */
  waitForEnd(options: { timeoutMs?: number } = {}): Promise<number> {
    return eventually(() => this.endedAt, { timeoutMs: options.timeoutMs ?? 5000, intervalMs: 10, what: 'the server to end the stream' });
  }

  close(): void {
    this.controller.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          this.parse(block);
        }
      }
      this.endedAt = Date.now();
    } catch {
      /* aborted by close(), or the server went away */
    }
  }

  private parse(block: string): void {
    let event = 'message';
    const data: string[] = [];
    let isComment = true;
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) continue;
      isComment = false;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      if (field === 'data') data.push(value);
    }
    if (isComment) this.comments++;
    else this.messages.push({ event, data: data.join('\n'), receivedAt: Date.now() });
  }
}
