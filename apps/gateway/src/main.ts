import 'reflect-metadata';
import { newsroomViewEngine } from '@newsroom/html';
import { startHttpApp } from '@newsroom/http';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { describeQueueDashboard, mountQueueDashboard, QUEUE_DASHBOARD_PATH } from './queue-dashboard/queue-dashboard';

void startHttpApp({
  name: 'gateway',
  module: GatewayModule,
  config: GatewayConfig,
  description: 'The staff side of the newsroom: drafts, editorial review, scheduled publishing, users, rubrics, webhooks and the desk.',
  // the staff desk is server-rendered (Nest MVC with Handlebars)
  viewEngine: (config) => newsroomViewEngine({ rereadTemplates: config.NODE_ENV === 'development' }),
  // desk addresses name articles and drafts: no Referer to other sites (same-origin, not no-referrer: that would make a form's Origin 'null' and fail the desk's CSRF check); Swagger UI and Bull Board keep their inline styles
  headers: { referrerPolicy: 'same-origin', inlineStylesUnder: ['/docs', QUEUE_DASHBOARD_PATH] },
  mount: mountQueueDashboard,
  document: describeQueueDashboard,
});
