/** The part of autocannon's programmatic API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      /** requests per second over all connections (an open load) */
      overallRate?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: { setupRequest?: (req: Request) => Request }[];
    }
    interface Histogram {
      p50: number;
      p99: number;
      average: number;
    }
    interface Result {
      '1xx': number;
      '2xx': number;
      '3xx': number;
      '4xx': number;
      '5xx': number;
      statusCodeStats: Record<string, { count: number } | undefined>;
      non2xx: number;
      errors: number;
      timeouts: number;
      /** seconds the run took */
      duration: number;
      finish: Date;
      latency: Histogram;
      requests: Histogram;
    }
  }
  /** The running load: resolves with the result, and emits `response` (client, status, bytes, latency in ms) per answer. */
  interface Instance extends PromiseLike<autocannon.Result> {
    on(event: 'response', listener: (client: unknown, status: number, bytes: number, latencyMs: number) => void): this;
  }
  function autocannon(options: autocannon.Options): Instance;
  export = autocannon;
}
