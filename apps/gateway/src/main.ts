import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@newsroom/config';
import { newsroomLogger, reportStartupFailure } from '@newsroom/queue';
import type { FastifyServerFactoryHandler } from 'fastify';
import { createServer } from 'node:http';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { proxyTrust } from './http/client-address';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { useBoundedJsonParser } from './http/json-body';
import { routerUrlError } from './http/router-url-errors';
import { refusedForNulInUrl } from './http/url-nul';
import { newsroomValidationPipe } from './http/validation.pipe';
import { gatewayViewEngine } from './ui/view-engine';
import { ReadersCacheFastPath } from './page-cache/readers-cache-fast-path';
import { addViewRoutesToDocument } from './views/views-openapi';
import { ViewBeacon } from './views/view-beacon';

async function bootstrap(): Promise<void> {
  const logger = new Logger('gateway');
  try {
    const config = loadConfig(GatewayConfig);
    let beacon: ViewBeacon | undefined;
    let cacheHits: ReadersCacheFastPath | undefined;
    const app = await NestFactory.create<NestFastifyApplication>(
      GatewayModule,
      new FastifyAdapter({
        bodyLimit: config.NEWSROOM_BODY_LIMIT_BYTES,
        // forwarding headers count only from NEWSROOM_TRUSTED_PROXIES (request.ip, .protocol, .host)
        trustProxy: proxyTrust(config.trustedProxies),
        // a malformed or overlong URL: the contract's 4xx, without the URL echoed back
        frameworkErrors: routerUrlError,
        // the view beacon and the readers' cache hits are plain Node handlers in front of Nest's (see view-beacon.ts,
        // readers-cache-fast-path.ts); a NUL in the URL is refused for all
        serverFactory: (nest: FastifyServerFactoryHandler) =>
          createServer((req, res) => {
            if (refusedForNulInUrl(req, res)) return;
            if (beacon?.handles(req)) beacon.serve(req, res);
            else if (!cacheHits?.serve(req, res)) nest(req, res);
          }),
      }),
      { logger: newsroomLogger(config) },
    );
    beacon = app.get(ViewBeacon);
    cacheHits = app.get(ReadersCacheFastPath);
    // the readers' site and the staff desk are server-rendered (Nest MVC with Handlebars)
    app.setViewEngine(gatewayViewEngine({ rereadTemplates: config.NODE_ENV === 'development' }));
    app.useGlobalPipes(newsroomValidationPipe());
    app.useGlobalFilters(new HttpExceptionFilter());
    app.enableShutdownHooks();
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Newsroom')
        .setDescription('Drafts, editorial review, scheduled publishing and the readers\' API of the newsroom.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    addViewRoutesToDocument(document);
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
    // Nest registers its body parsers in init(); the JSON one is then replaced by the depth-bounded one
    await app.init();
    useBoundedJsonParser(app.getHttpAdapter().getInstance(), config.NEWSROOM_BODY_LIMIT_BYTES);
    await app.listen(config.PORT, config.HOST);
    logger.log(`gateway listening on http://${config.HOST}:${config.PORT} (docs at /docs, pid ${process.pid})`);
  } catch (error) {
    reportStartupFailure(logger, error);
    process.exit(1);
  }
}

void bootstrap();
