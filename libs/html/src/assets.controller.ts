import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { notFound } from '@newsroom/domain';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '@newsroom/http';
import { ASSETS_DIR } from './web-root';

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/** The only files served: a fixed list, so no request path ever reaches the file system. */
const FILES: Record<string, { path: string; type: string }> = {
  'site.css': { path: join(ASSETS_DIR, 'site.css'), type: 'text/css; charset=utf-8' },
  'desk.css': { path: join(ASSETS_DIR, 'desk.css'), type: 'text/css; charset=utf-8' },
  'beacon.js': { path: join(ASSETS_DIR, 'beacon.js'), type: 'text/javascript; charset=utf-8' },
  'desk.js': { path: join(ASSETS_DIR, 'desk.js'), type: 'text/javascript; charset=utf-8' },
  // served by the gateway itself: the desk loads no script from a CDN
  'htmx.min.js': { path: require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
};

function load(): Map<string, Asset> {
  return new Map(
    Object.entries(FILES).map(([name, file]) => {
      const body = readFileSync(file.path);
      return [name, { body, type: file.type, etag: `"${createHash('sha1').update(body).digest('base64url')}"` }];
    }),
  );
}

/** CSS and scripts of the site and the desk, read once at start-up. */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  private readonly assets = load();

  @Get(':name')
  serve(@Param('name') name: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const asset = this.assets.get(name);
    if (!asset) throw notFound('ASSET.NOT_FOUND', `no asset ${name}`);
    // an hour, then a cheap revalidation: the names carry no content hash to bust a longer cache
    reply.header('etag', asset.etag).header('cache-control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === asset.etag) {
      void reply.status(304).send();
      return;
    }
    void reply.type(asset.type).send(asset.body);
  }
}
