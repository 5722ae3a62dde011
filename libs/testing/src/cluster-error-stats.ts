import Redis from 'ioredis';

/**
 * How many times the nodes of the Redis Cluster reached through `seed`
 * (host:port) have answered with the error `code` since they started, summed
 * over every live node (INFO errorstats, e.g. CROSSSLOT: a multi-key command
 * or script whose keys are in several slots, which the newsroom's keyspace
 * rules out by construction).
 */
export async function clusterErrorCount(seed: string, code: string): Promise<number> {
  const [host, port] = seed.split(':');
  const first = new Redis({ host, port: Number(port), maxRetriesPerRequest: 1 });
  let addresses: { host: string; port: number }[];
  try {
    const text = (await first.call('CLUSTER', 'NODES')) as string;
    addresses = text
      .trim()
      .split('\n')
      .map((line) => line.split(' '))
      .filter(([, , flags, , , , , state]) => !flags.includes('fail') && state === 'connected')
      .map(([, address]) => {
        const [nodeHost, nodePort] = address.split('@')[0].split(':');
        return { host: nodeHost, port: Number(nodePort) };
      });
  } finally {
    first.disconnect();
  }
  const counts = await Promise.all(
    addresses.map(async (address) => {
      const node = new Redis({ ...address, maxRetriesPerRequest: 1 });
      try {
        const info = await node.info('errorstats');
        return Number(new RegExp(`^errorstat_${code}:count=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
      } finally {
        node.disconnect();
      }
    }),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}
