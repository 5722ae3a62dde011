import { Global, Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay.service';

/**
 * Needs DatabaseModule and QueueModule in the importing app. Global, like
 * those two: the app module imports it once and every feature that writes
 * state changes can relay its events.
 */
@Global()
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxModule {}
