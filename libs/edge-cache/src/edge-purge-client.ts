import { Dispatcher, request } from 'undici';

/**
 * A purge the edge did not confirm: unreachable, timed out, refused, or any
 * answer but 200. The caller (the outbox relay) retries until one succeeds,
 * since a page the edge kept would outlive the change that should drop it.
 */
export class EdgePurgeError extends Error {
  constructor(
    message: string,
    /** The edge's status, when it answered at all. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EdgePurgeError';
  }
}

export interface EdgePurgeOptions {
  /** Give up on one PURGE after this long (the caller retries). */
  timeoutMs?: number;
  /** Expire instead of drop: the objects stay servable for their grace. */
  soft?: boolean;
  /** An undici dispatcher (connection pool, source address); the global one otherwise. */
  dispatcher?: Dispatcher;
}

/** xkey splits its header on spaces and commas; a key holding either would purge other pages. */
const SURROGATE_KEY = /^[\x21-\x2b\x2d-\x7e]+$/;
/** Varnish's default limit for one request header is 8 kB: stay well under it. */
const MAX_HEADER_CHARS = 4000;

/**
 * Drops pages from the edge cache (deploy/varnish/default.vcl) by surrogate
 * key: `PURGE <purge URL>` with `xkey-purge: key1 key2`, answered 200 with
 * the number of objects dropped. Anything else is an EdgePurgeError.
 */
export class EdgePurgeClient {
  private readonly timeoutMs: number;

  constructor(
    readonly purgeUrl: string,
    private readonly options: EdgePurgeOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Purges every object tagged with any of `keys`; resolves to how many the edge dropped. */
  async purge(keys: readonly string[]): Promise<{ purged: number }> {
    const unique = [...new Set(keys)];
    const bad = unique.find((key) => !SURROGATE_KEY.test(key));
    if (bad !== undefined) throw new TypeError(`not a surrogate key: ${JSON.stringify(bad)} (printable ASCII, no spaces or commas)`);
    let purged = 0;
    for (const batch of batches(unique)) purged += await this.purgeBatch(batch);
    return { purged };
  }

  private async purgeBatch(keys: string[]): Promise<number> {
    const header = this.options.soft ? 'xkey-softpurge' : 'xkey-purge';
    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.purgeUrl, {
        method: 'PURGE',
        headers: { [header]: keys.join(' ') },
        dispatcher: this.options.dispatcher,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new EdgePurgeError(`edge purge of ${keys.length} key(s) at ${this.purgeUrl} failed: ${(error as Error).message}`);
    }
    const body = await response.body.text().catch(() => '');
    if (response.statusCode !== 200) {
      throw new EdgePurgeError(`edge purge at ${this.purgeUrl} answered ${response.statusCode}: ${body.slice(0, 200)}`, response.statusCode);
    }
    const count = Number(response.headers['xkey-purged']);
    return Number.isFinite(count) ? count : 0;
  }
}

/** Keys grouped so that no one header grows past MAX_HEADER_CHARS. */
function batches(keys: string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const key of keys) {
    if (current.length && length + 1 + key.length > MAX_HEADER_CHARS) {
      out.push(current);
      current = [];
      length = 0;
    }
    current.push(key);
    length += (current.length > 1 ? 1 : 0) + key.length;
  }
  if (current.length) out.push(current);
  return out;
}
