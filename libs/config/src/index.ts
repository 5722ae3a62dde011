export * from './base.config';
export * from './load-config';
export * from './config.module';
export * from './comma-list';
export * from './secret-strength';
