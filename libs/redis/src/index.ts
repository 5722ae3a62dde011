export * from './cluster-redirects';
export * from './key-slot';
export * from './redis-connection';
export * from './redis-keyspace';
export * from './replica-acks';
export * from './redis.module';
