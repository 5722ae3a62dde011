import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';

/** Needs DatabaseModule and QueueModule in the importing app. */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxModule {}
