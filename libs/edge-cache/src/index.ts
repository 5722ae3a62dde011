export * from './edge-purge-client';
