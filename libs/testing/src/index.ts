export * from './test-env';
export * from './database-reset';
export * from './eventually';
export * from './http-client';
export * from './newsroom-processes';
export * from './factories';
export * from './queues-drained';
export * from './sse-client';
