import { RedisClient } from '@newsroom/redis';
import { SharedHitStore } from './shared-rate-limiter';

/**
 * KEYS: one counter per client; ARGV[1]: the window in ms; ARGV[i + 1]: the
 * hits to add to KEYS[i]. A counter's window starts with its first hit.
 * Returns total and remaining ms per key, flattened.
 */
const ADD_HITS = `
local out = {}
for i, key in ipairs(KEYS) do
  local total = redis.call('INCRBY', key, ARGV[i + 1])
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    redis.call('PEXPIRE', key, ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  out[2 * i - 1] = total
  out[2 * i] = ttl
end
return out
`;

/** Keys per script call: one flush never holds Redis for long, however many clients it carries. */
const CHUNK = 500;

/** Per-client hit counters in Redis under `rate-limit:<limit>:<client>` (the client's key prefix applies). */
export class RedisHitStore implements SharedHitStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly limitName: string,
  ) {}

  async add(hits: [client: string, count: number][], windowMs: number): Promise<{ total: number; ttlMs: number }[]> {
    const chunks: [string, number][][] = [];
    for (let i = 0; i < hits.length; i += CHUNK) chunks.push(hits.slice(i, i + CHUNK));
    const answers = await Promise.all(
      chunks.map((chunk) =>
        this.redis.eval(ADD_HITS, chunk.length, ...chunk.map(([client]) => `rate-limit:${this.limitName}:${client}`), windowMs, ...chunk.map(([, n]) => n)),
      ),
    );
    return (answers as number[][]).flatMap((flat) => Array.from({ length: flat.length / 2 }, (_, i) => ({ total: flat[2 * i], ttlMs: flat[2 * i + 1] })));
  }
}
