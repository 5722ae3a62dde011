import { Cluster } from 'ioredis';
import type { RedisConnection } from './redis-connection';

/** A write that the replicas did not confirm in time: it may not survive its master's loss. */
export class ReplicaAckError extends Error {
  constructor(
    readonly acknowledged: number,
    readonly wanted: number,
  ) {
    super(`only ${acknowledged} of ${wanted} Redis replica(s) confirmed the write in time`);
    this.name = 'ReplicaAckError';
  }
}

/**
 * Waits (WAIT) until `replicas` replicas of the master holding `key` have
 * every write this connection sent that master, and returns how many did
 * within `timeoutMs`. WAIT counts the writes of the connection it is sent on,
 * so it goes down the same connection: on a cluster, in a pipeline with a
 * read of `key`, which ioredis sends to the connection of the key's master.
 * Replication is asynchronous: without this, a write acknowledged just before
 * its master dies can be missing on the replica that takes over.
 */
export async function replicasAcknowledging(connection: RedisConnection, key: string, replicas: number, timeoutMs: number): Promise<number> {
  if (connection instanceof Cluster) {
    const [, [error, acknowledged]] = (await connection.pipeline().exists(key).wait(replicas, timeoutMs).exec())!;
    if (error) throw error;
    return acknowledged as number;
  }
  return connection.wait(replicas, timeoutMs);
}

/**
 * NEWSROOM_REDIS_WAIT_REPLICAS: how many replicas must confirm the writes
 * that must survive a failover (accepted views, relayed events, claimed view
 * counts) before they are acknowledged; 0 (the default) waits for none.
 */
export class ReplicaAcks {
  constructor(
    readonly replicas: number,
    readonly timeoutMs = 500,
  ) {}

  /** Resolves once enough replicas hold this connection's writes to `key`'s master; throws ReplicaAckError if they do not in time. */
  async confirm(connection: RedisConnection, key: string): Promise<void> {
    if (this.replicas === 0) return;
    const acknowledged = await replicasAcknowledging(connection, key, this.replicas, this.timeoutMs);
    if (acknowledged < this.replicas) throw new ReplicaAckError(acknowledged, this.replicas);
  }
}
