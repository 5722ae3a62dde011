export * from './assets.controller';
export * from './html-page';
export * from './strings.id';
export * from './ui.module';
export * from './view-engine';
export * from './web-root';
