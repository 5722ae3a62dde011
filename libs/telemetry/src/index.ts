export * from './trace-context';
export * from './newsroom-logger';
export * from './request-log';
export * from './span-export';
