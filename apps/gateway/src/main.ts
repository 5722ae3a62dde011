import 'reflect-metadata';
import { newsroomViewEngine } from '@newsroom/html';
import { startHttpApp } from '@newsroom/http';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

void startHttpApp({
  name: 'gateway',
  module: GatewayModule,
  config: GatewayConfig,
  description: 'The staff side of the newsroom: drafts, editorial review, scheduled publishing, users, rubrics, webhooks and the desk.',
  // the staff desk is server-rendered (Nest MVC with Handlebars)
  viewEngine: (config) => newsroomViewEngine({ rereadTemplates: config.NODE_ENV === 'development' }),
});
