export * from './errors';
export * from './roles';
export * from './article/article-status';
export * from './article/article-workflow';
export * from './article/slug';
export * from './article/body-html';
export * from './time/newsroom-time';
