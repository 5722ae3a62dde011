import autocannon from 'autocannon';

export interface LoadResult {
  /** requests answered 2xx per second */
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  /** when the last answer came in (epoch ms) */
  finishedAt: number;
}

export interface LoadOptions {
  url: string;
  /** run this long ... */
  seconds?: number;
  /** ... or until this many requests were answered (then none is left in flight) */
  amount?: number;
  connections: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** a fresh body per request (unique visitor ids, so dedup counts every view) */
  body?: () => string;
}

/** One autocannon run (its programmatic API), reduced to what the tables show. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: options.body ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: options.body!() }) }] : undefined,
  });
  const ok = result['2xx'];
  return {
    rps: ok / (options.seconds ?? result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    finishedAt: new Date(result.finish).getTime(),
  };
}
