import { keySlot } from './key-slot';
import { RedisKeyspace, spreadTags } from './redis-keyspace';

/** The masters' slot ranges `redis-cli --cluster create` makes for three masters. */
const THREE_MASTERS = [
  [0, 5460],
  [5461, 10922],
  [10923, 16383],
];
const masterOf = (slot: number) => THREE_MASTERS.findIndex(([low, high]) => slot >= low && slot <= high);

describe('RedisKeyspace on a single node', () => {
  const keyspace = new RedisKeyspace({ prefix: 'newsroom', cluster: false, viewShards: 1 });

  it('keeps the key names of earlier versions with one view shard', () => {
    expect(keyspace.appKeyPrefix).toBe('{newsroom}:');
    expect(keyspace.queuePrefix('publishing')).toBe('{newsroom-queues}');
    expect(keyspace.queuePrefix('view-counting')).toBe('{newsroom-queues}');
    expect(keyspace.viewShards).toEqual([{ index: 0, tag: '{newsroom}', queuePrefix: '{newsroom-queues}' }]);
    expect(keyspace.viewShardKey(keyspace.viewShardOf('0b7c1a8e-2f0e-4c53-9d1e-4a1f4a7f7b10'), 'views:pending')).toBe('{newsroom}:views:pending');
  });

  it('covers every key of the deployment, and none of a deployment whose prefix starts the same', () => {
    const patterns = keyspace.keyPatterns(['publishing']);
    expect(patterns).toEqual(['{newsroom}:*', '{newsroom-queues}:*']);
    const other = new RedisKeyspace({ prefix: 'newsroom-b', cluster: true, viewShards: 4 });
    const theirs = [other.appKeyPrefix, other.queuePrefix('publishing'), ...other.viewShards.map((s) => s.tag)];
    const glob = (p: string) => new RegExp(`^${p.replace(/[{}]/g, '\\$&').replace(/\*/g, '.*')}$`);
    expect(theirs.filter((name) => patterns.some((p) => glob(p).test(`${name}:x`)))).toEqual([]);
  });
});

describe('RedisKeyspace on a cluster', () => {
  const keyspace = new RedisKeyspace({ prefix: 'newsroom', cluster: true, viewShards: 6 });

  it('gives each queue a hash tag of its own', () => {
    expect(keyspace.queuePrefix('publishing')).toBe('{newsroom-queues-publishing}');
    expect(keySlot(`${keyspace.queuePrefix('publishing')}:publishing:wait`)).not.toBe(keySlot(`${keyspace.queuePrefix('draft-submission')}:draft-submission:wait`));
  });

  it("keeps a shard's queue and counters in one slot", () => {
    for (const shard of keyspace.viewShards) {
      const slot = keySlot(keyspace.viewShardKey(shard, 'views:pending'));
      expect(keySlot(`${shard.queuePrefix}:view-counting:wait`)).toBe(slot);
      expect(keySlot(keyspace.viewShardKey(shard, 'views:dedup:article:visitor'))).toBe(slot);
    }
  });

  it('spreads the shards evenly over three masters', () => {
    const perMaster = [0, 0, 0];
    for (const shard of keyspace.viewShards) perMaster[masterOf(keySlot(shard.tag))]++;
    expect(perMaster).toEqual([2, 2, 2]);
  });

  it('sends an article to the same shard every time, and articles to every shard', () => {
    const ids = Array.from({ length: 600 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(keyspace.viewShardOf(ids[0])).toBe(keyspace.viewShardOf(ids[0]));
    const used = new Set(ids.map((id) => keyspace.viewShardOf(id).index));
    expect(used.size).toBe(6);
  });

  it("splits a batch so that each part's counting keys are in one slot, and no view is lost or moved", () => {
    const views = Array.from({ length: 200 }, (_, i) => ({ articleId: `00000000-0000-4000-8000-${String(i % 37).padStart(12, '0')}`, visitor: `v${i}` }));
    const parts = keyspace.splitByViewShard(views);
    expect([...parts.values()].flat()).toHaveLength(views.length);
    for (const [shard, part] of parts) {
      const slots = new Set(part.flatMap((v) => [`views:dedup:${v.articleId}:${v.visitor}`, 'views:pending', 'views:batch:b-1'].map((name) => keySlot(keyspace.viewShardKey(shard, name)))));
      expect(slots.size).toBe(1);
      expect(part.every((v) => keyspace.viewShardOf(v.articleId) === shard)).toBe(true);
      // in the batch's order
      expect(part.map((v) => views.indexOf(v))).toEqual([...part.map((v) => views.indexOf(v))].sort((a, b) => a - b));
    }
  });

  it('names the shards after the deployment, so two deployments never share a key', () => {
    const other = new RedisKeyspace({ prefix: 'portal-b', cluster: true, viewShards: 6 });
    expect(other.viewShards.map((s) => s.tag).filter((t) => keyspace.viewShards.some((s) => s.tag === t))).toEqual([]);
  });
});

describe('spreadTags', () => {
  it('lands tag i in the middle half of the i-th part of the slot range', () => {
    for (const count of [1, 3, 12, 256]) {
      const width = 16384 / count;
      spreadTags('x', count).forEach((tag, i) => {
        const slot = keySlot(tag);
        expect(slot).toBeGreaterThanOrEqual(i * width + width / 4);
        expect(slot).toBeLessThan((i + 1) * width - width / 4);
      });
    }
  });

  it('puts 12 shards 4 to each of three masters', () => {
    const perMaster = [0, 0, 0];
    for (const tag of spreadTags('newsroom-views', 12)) perMaster[masterOf(keySlot(tag))]++;
    expect(perMaster).toEqual([4, 4, 4]);
  });
});
