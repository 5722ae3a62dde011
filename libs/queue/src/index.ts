export * from './job-options';
export * from './job-producer';
export * from './queue.module';
export * from './worker-app';
export * from './job-payload';
export * from './queue-connections';
export * from './view-counting-queues';
export * from './traced-worker-host';
