import type { RedisConnection } from './redis-connection';
import { ReplicaAckError, ReplicaAcks } from './replica-acks';

/** A single-node connection whose WAIT answers `acknowledged`, recording what it was asked. */
function connectionAnswering(acknowledged: number) {
  const calls: [number, number][] = [];
  const connection = { wait: async (replicas: number, timeoutMs: number) => (calls.push([replicas, timeoutMs]), acknowledged) };
  return { connection: connection as unknown as RedisConnection, calls };
}

describe('ReplicaAcks', () => {
  it('asks nothing of Redis when no replica is wanted (the single-node default)', async () => {
    const { connection, calls } = connectionAnswering(0);
    await new ReplicaAcks(0).confirm(connection, 'k');
    expect(calls).toEqual([]);
  });

  it('resolves once enough replicas confirmed, waiting at most its timeout', async () => {
    const { connection, calls } = connectionAnswering(1);
    await new ReplicaAcks(1, 500).confirm(connection, 'k');
    expect(calls).toEqual([[1, 500]]);
  });

  it('refuses a write too few replicas confirmed: it may not survive its master', async () => {
    const { connection } = connectionAnswering(0);
    await expect(new ReplicaAcks(1).confirm(connection, 'k')).rejects.toThrow(ReplicaAckError);
    await expect(new ReplicaAcks(2).confirm(connectionAnswering(1).connection, 'k')).rejects.toThrow(/only 1 of 2/);
  });
});
