export * from './shard-keys';
export * from './view-counter';
export * from './views-not-stored';
export { countViewsScript } from './count-views.script';
