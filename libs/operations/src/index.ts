export * from './operations.module';
export * from './operations.tokens';
export * from './schedule.health';
export * from './system-metrics';
export * from './view-counting-backlog';
export * from './view-counting.health';
