import { processAlive, RedisClusterProcess } from '@newsroom/testing';

/**
 * deploy/redis-cluster/start.sh (through RedisClusterProcess) makes clusters
 * of other sizes than the default 3 + 3, as bench:cluster compares them: one
 * master alone (which `redis-cli --cluster create` refuses, so the script
 * assigns the slots itself) and two masters with a replica each. Each serves
 * every slot, answers a cluster client, and is gone once stopped.
 */
describe('local Redis Clusters of other sizes (deploy/redis-cluster/start.sh)', () => {
  it.each([
    { masters: 1, replicasPerMaster: 0 },
    { masters: 2, replicasPerMaster: 1 },
  ])('$masters master(s) with $replicasPerMaster replica(s) each', async (size) => {
    const cluster = await RedisClusterProcess.start(size);
    const pids: number[] = [];
    try {
      expect(cluster.ports).toHaveLength(size.masters * (1 + size.replicasPerMaster));
      expect(cluster.seedNodes.split(',')).toHaveLength(size.masters);
      pids.push(...cluster.ports.map((port) => cluster.pid(port)));
      await cluster.waitUntilHealthy();

      const masters = await cluster.masters();
      expect(masters.map((m) => m.port).sort()).toEqual(cluster.ports.slice(0, size.masters).sort());
      const slots = masters.map((m) => m.slots.reduce((sum, [low, high]) => sum + high - low + 1, 0));
      expect(slots.reduce((a, b) => a + b)).toBe(16384);
      // split evenly, as the view shards' tags expect
      expect(Math.max(...slots) - Math.min(...slots)).toBeLessThanOrEqual(1);
      expect((await cluster.topology()).filter((n) => n.role === 'replica')).toHaveLength(size.masters * size.replicasPerMaster);

      // a client that learns the nodes from the seeds reaches every master (a lone node must tell it its address)
      const client = cluster.client();
      try {
        const keys = Array.from({ length: 20 }, (_, i) => `{sizes-${i}}:key`);
        for (const key of keys) await client.set(key, key);
        expect(await Promise.all(keys.map((key) => client.get(key)))).toEqual(keys);
        expect(client.nodes('master')).toHaveLength(size.masters);
      } finally {
        client.disconnect();
      }
    } finally {
      await cluster.stop();
    }
    expect(pids.filter(processAlive)).toEqual([]);
  });
});

