import autocannon from 'autocannon';

export interface LoadResult {
  /** requests answered as expected (2xx, or `expect`) per second */
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
  /** an open load: this many requests per second over all connections (unset: as fast as answers come) */
  rate?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** a fresh body per request (unique visitor ids, so dedup counts every view) */
  body?: () => string;
  /** a fresh path (and query) per request: distinct searches, which no cache answers */
  requestPath?: () => string;
  /** the answer that counts as a success when it is not a 2xx (304 for a revalidation) */
  expect?: 304;
  /** called with every answer as it comes in (when, epoch ms; its latency, ms): latency through a window of the load */
  onResponse?: (at: number, latencyMs: number, status: number) => void;
}

/** One autocannon run (its programmatic API), reduced to what the tables show. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const began = Date.now();
  const run = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    ...(options.rate ? { overallRate: options.rate } : {}),
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...options.headers },
    requests:
      options.body || options.requestPath
        ? [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                ...(options.body ? { body: options.body() } : {}),
                ...(options.requestPath ? { path: options.requestPath() } : {}),
              }),
            },
          ]
        : undefined,
  });
  // autocannon notices a run of `amount` requests is over only at its next 1-second tick, and times it
  // so (150,000 answers in 10.2 s came out as 11.01 s): the last answer's own time is the end
  let lastAnswerAt = began;
  run.on('response', (_client: unknown, status: number, _bytes: number, latencyMs: number) => {
    lastAnswerAt = Date.now();
    options.onResponse?.(lastAnswerAt, latencyMs, status);
  });
  const result = await run;
  const ok = options.expect ? (result.statusCodeStats[options.expect]?.count ?? 0) : result['2xx'];
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  return {
    rps: ok / (options.seconds ?? (lastAnswerAt - began) / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok,
    failed: answered - ok + result.errors + result.timeouts,
    finishedAt: options.amount ? lastAnswerAt : new Date(result.finish).getTime(),
  };
}
