import { Module } from '@nestjs/common';
import { EdgePurgeProcessor } from './edge-purge.processor';
import { EdgePurgeService } from './edge-purge.service';

/**
 * Purges the edge cache by surrogate key after every change of public
 * content. The jobs come from the outbox relay (libs/outbox event-routes)
 * only when NEWSROOM_EDGE_PURGE_URL is set; on a queue of their own so a down
 * edge, retrying for hours, never delays a publish.
 */
@Module({ providers: [EdgePurgeProcessor, EdgePurgeService] })
export class EdgePurgeModule {}
