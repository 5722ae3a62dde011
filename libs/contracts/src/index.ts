export * from './queues';
export * from './payloads';
export * from './events';
export * from './article-view';
export * from './channels';
export * from './redis-keys';
export * from './surrogate-keys';
