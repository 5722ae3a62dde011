import { CLUSTER_SLOTS, keySlot } from './key-slot';

/** One view-counting shard: a hash tag of its own, holding its BullMQ queue and its counters together. */
export interface ViewShard {
  index: number;
  /** the hash tag, braces included: every key of the shard starts with it */
  tag: string;
  /** BullMQ prefix of the shard's view-counting queue */
  queuePrefix: string;
}

export interface KeyspaceSettings {
  /** NEWSROOM_REDIS_PREFIX */
  prefix: string;
  /** REDIS_CLUSTER_NODES is set */
  cluster: boolean;
  /** how many view-counting shards (NEWSROOM_VIEW_SHARDS, or its default) */
  viewShards: number;
}

/**
 * Where a deployment's keys live, as names: which of them share a hash tag
 * (and so a Cluster slot, and so a master) and which are spread.
 *
 * - The deployment's own keys (sessions, limits, the published-article index,
 *   the Populer ranking, the flush lock) share the tag `{prefix}`: they are
 *   few, light, and read together by multi-key commands and scripts.
 * - Queues: on a single node all share `{prefix-queues}`, as they always
 *   have (renaming would strand waiting jobs); on a cluster each queue has a
 *   tag of its own, BullMQ's pattern, so the queues spread over the masters.
 * - View counting, the hot path, is sharded by article: each shard's queue
 *   and its counters (dedup, caps, pending counts) share one tag, so a
 *   counting script and the job it finishes are on one master (a failover
 *   keeps both or neither: replication is in order), and the shards' tags are
 *   chosen to fall evenly over the slot range, so N shards on M masters
 *   split by `redis-cli --cluster create` land N/M per master. On a single
 *   node with one shard, the shard is the deployment's own tag and the
 *   shared queue prefix: the names it has always had.
 */
export class RedisKeyspace {
  readonly prefix: string;
  readonly cluster: boolean;
  readonly viewShards: readonly ViewShard[];

  constructor(settings: KeyspaceSettings) {
    if (!Number.isInteger(settings.viewShards) || settings.viewShards < 1) throw new Error(`view shards must be a positive integer, got ${settings.viewShards}`);
    this.prefix = settings.prefix;
    this.cluster = settings.cluster;
    const legacy = !settings.cluster && settings.viewShards === 1;
    this.viewShards = legacy
      ? [{ index: 0, tag: `{${this.prefix}}`, queuePrefix: `{${this.prefix}-queues}` }]
      : spreadTags(`${this.prefix}-views`, settings.viewShards).map((tag, index) => ({ index, tag, queuePrefix: tag }));
  }

  /** The key prefix of the deployment's own keys (RedisClient's keyPrefix). */
  get appKeyPrefix(): string {
    return `{${this.prefix}}:`;
  }

  /** The BullMQ prefix of a queue (see the class comment). */
  queuePrefix(queue: string): string {
    return this.cluster ? `{${this.prefix}-queues-${queue}}` : `{${this.prefix}-queues}`;
  }

  /** The shard an article's views are counted in: the same on every gateway and views replica with the same shard count. */
  viewShardOf(articleId: string): ViewShard {
    return this.viewShards[keySlot(articleId) % this.viewShards.length];
  }

  /**
   * Items (views) split by the view shard of their article, in their order:
   * each part's counting keys share one slot, so each is one script.
   */
  splitByViewShard<T extends { articleId: string }>(items: readonly T[]): Map<ViewShard, T[]> {
    const parts = new Map<ViewShard, T[]>();
    for (const item of items) {
      const shard = this.viewShardOf(item.articleId);
      const part = parts.get(shard);
      if (part) part.push(item);
      else parts.set(shard, [item]);
    }
    return parts;
  }

  /** A key of a view shard, named in full (for a client without key prefix). */
  viewShardKey(shard: ViewShard, name: string): string {
    return `${shard.tag}:${name}`;
  }

  /**
   * SCAN MATCH patterns covering every key of the deployment with these
   * queues: its own keys, its queues and its view shards (and nothing of a
   * deployment whose prefix merely starts the same).
   */
  keyPatterns(queues: readonly string[]): string[] {
    const prefixes = [this.appKeyPrefix, ...queues.map((q) => `${this.queuePrefix(q)}:`), ...this.viewShards.flatMap((s) => [`${s.tag}:`, `${s.queuePrefix}:`])];
    return [...new Set(prefixes)].map((p) => `${p.replace(/[*?[\\]/g, '\\$&')}*`);
  }
}

/**
 * `count` hash tags named after `stem` whose slots fall evenly over the slot
 * range: tag i lands in the middle half of the i-th of `count` equal parts,
 * so a cluster split into equal ranges (as `redis-cli --cluster create`
 * splits it) holds count/masters of them per master, however the boundaries
 * fall a slot or two either way. Found by trying suffixes; deterministic.
 */
export function spreadTags(stem: string, count: number): string[] {
  const width = CLUSTER_SLOTS / count;
  if (width < 8) throw new Error(`cannot spread ${count} tags over ${CLUSTER_SLOTS} slots`);
  return Array.from({ length: count }, (_, index) => {
    const low = index * width + width / 4;
    const high = (index + 1) * width - width / 4;
    for (let attempt = 0; ; attempt++) {
      const tag = `{${stem}-${index}~${attempt}}`;
      const slot = keySlot(tag);
      if (slot >= low && slot < high) return tag;
    }
  });
}
