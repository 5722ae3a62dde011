export * from './event-routes';
export * from './outbox-relay.service';
export * from './outbox.module';
