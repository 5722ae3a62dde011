export * from './entities';
export * from './mikro-orm.config';
export * from './database-setup';
export * from './database.module';
export * from './article/article-view.mapper';
export * from './article/article-journal';
export * from './pg-array';
