import { Injectable } from '@nestjs/common';
import { BaseConfig } from '@newsroom/config';
import type { PurgeEdgePayload } from '@newsroom/contracts';
import { EdgePurgeClient } from '@newsroom/edge-cache';

/**
 * Sends the outbox's purges to the edge cache (NEWSROOM_EDGE_PURGE_URL). A
 * purge the edge did not confirm throws EdgePurgeError, which the processor
 * lets BullMQ retry.
 */
@Injectable()
export class EdgePurgeService {
  private readonly client: EdgePurgeClient | null;

  constructor(config: BaseConfig) {
    this.client = config.NEWSROOM_EDGE_PURGE_URL ? new EdgePurgeClient(config.NEWSROOM_EDGE_PURGE_URL) : null;
  }

  /** False when this process has no edge to purge (NEWSROOM_EDGE_PURGE_URL unset). */
  get enabled(): boolean {
    return this.client !== null;
  }

  /** Purges every page the edge holds under any of the payload's keys; resolves to how many it dropped. */
  async purge(payload: PurgeEdgePayload): Promise<{ purged: number }> {
    if (!this.client) throw new Error('NEWSROOM_EDGE_PURGE_URL is not set');
    return this.client.purge(payload.keys);
  }
}
