import 'reflect-metadata';
import type { SwaggerCustomOptions } from '@nestjs/swagger';
import { newsroomViewEngine } from '@newsroom/html';
import { startHttpApp } from '@newsroom/http';
import { ReadersCacheFastPath } from './page-cache/readers-cache-fast-path';
import { SiteConfig } from './site.config';
import { SiteAppModule } from './site.module';
import { StaffForwarder } from './staff-forwarding/staff-forwarder';
import { WholeContractDocument } from './staff-forwarding/whole-contract-document';
import { ViewBeacon } from './views/view-beacon';
import { addViewRoutesToDocument } from './views/views-openapi';

void startHttpApp({
  name: 'site',
  module: SiteAppModule,
  config: SiteConfig,
  description: 'The readers\' side of the newsroom: pages, the public API and the view beacon.',
  // the pages are server-rendered (Nest MVC with Handlebars)
  viewEngine: (config) => newsroomViewEngine({ rereadTemplates: config.NODE_ENV === 'development' }),
  // before Nest: the beacon and the cache's hits (the readers' hot paths), then what is the gateway's when this app is the one origin
  frontHandlers: (app) => {
    const beacon = app.get(ViewBeacon);
    const cacheHits = app.get(ReadersCacheFastPath);
    const staff = app.get(StaffForwarder);
    return [
      { route: 'view-beacon', writesOwnHeaders: true, handle: (req, res, headers) => beacon.handles(req) && (beacon.serve(req, res, headers), true) },
      { route: 'staff-forwarding', handle: (req, res) => staff.handle(req, res) },
      { route: 'readers-cache-hit', handle: (req, res) => cacheHits.serve(req, res) },
    ];
  },
  // readers' pages send their origin (not the article path) when a reader follows a link out; Swagger UI keeps its inline styles
  headers: { referrerPolicy: 'strict-origin-when-cross-origin', inlineStylesUnder: ['/docs'], dataOnlyAt: ['/views', '/views/batch'] },
  document: addViewRoutesToDocument,
  swaggerOptions: (config): SwaggerCustomOptions => {
    if (!config.NEWSROOM_STAFF_UPSTREAM) return {};
    const whole = new WholeContractDocument(config.NEWSROOM_STAFF_UPSTREAM);
    return { patchDocumentOnRequest: (_req, _res, own) => whole.of(own) };
  },
});
