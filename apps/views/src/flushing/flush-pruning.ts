import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { pgArray } from '@newsroom/database';
import { RedisClient } from '@newsroom/redis';
import { ShardKeys } from '@newsroom/view-counting';

/**
 * How long a flush id is kept in view_flushes. The id only matters while its
 * counters may still be applied again, that is while it is in the Redis set of
 * open flushes: from its claim (before the commit) until the run that applied
 * it removes it (from the open flushes of every view shard), normally the same second, since every flush first finishes
 * the open ones. An id stays open longer only while no views replica runs
 * (and then nothing prunes either) or if Redis comes back from an older copy
 * of itself (a restored backup, a failover to a replica that lagged), which
 * could bring back an id that was closed long ago. Ids still open are never
 * pruned, whatever their age; the horizon covers the restored copies: a week
 * is older than any backup one would restore, and costs at most some 600,000
 * small rows at one flush a second.
 */
export const FLUSH_ID_HORIZON_DAYS = 7;
/** Rows per delete: short transactions that never hold many locks at once. */
const BATCH = 5000;
/** A run stops after this many batches; the next run (minutes later) goes on. */
const MAX_BATCHES_PER_RUN = 100;

const DELETE_BATCH = `
delete from view_flushes where id in (
  select id from view_flushes
   where at < now() - make_interval(days => ?) and id <> all(?::text[])
   order by at
   limit ?
   for update skip locked)`;

/**
 * Deletes flush ids past the horizon, in batches. Safe beside another replica
 * doing the same (each takes rows the other has not locked) and beside the
 * flushes, which only insert ids of now.
 */
@Injectable()
export class FlushPruning {
  private readonly logger = new Logger(FlushPruning.name);

  constructor(
    private readonly redis: RedisClient,
    private readonly em: EntityManager,
  ) {}

  /** Returns how many flush ids were deleted. */
  async prune(): Promise<number> {
    // read first: an id closed after this read never opens again, so keeping what was open then is enough
    const keyspace = this.redis.keyspace;
    const open = (await Promise.all(keyspace.viewShards.map((shard) => this.redis.unprefixed.smembers(keyspace.viewShardKey(shard, ShardKeys.flushes))))).flat();
    const conn = this.em.fork().getConnection();
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const result = await conn.execute<{ affectedRows: number }>(DELETE_BATCH, [FLUSH_ID_HORIZON_DAYS, pgArray(open), BATCH], 'run');
      deleted += result.affectedRows;
      if (result.affectedRows < BATCH) break;
    }
    if (deleted) this.logger.log(`pruned ${deleted} flush ids older than ${FLUSH_ID_HORIZON_DAYS} days`);
    return deleted;
  }
}
