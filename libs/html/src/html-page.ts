import type {} from '@fastify/view';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * How a browser or CDN may keep a page rendered here: the staff's pages and
 * fragments never. The readers' pages are served through the replica cache
 * (page-cache/readers-cache.service.ts), which sets their Cache-Control.
 */
export const PAGE_CACHE = {
  private: 'private, no-store',
} as const;

export interface PageOptions {
  layout: 'layouts/site.hbs' | 'layouts/desk.hbs';
  status?: number;
  cache: string;
}

/**
 * Renders a template into its layout and answers it with an ETag of the HTML;
 * a request whose If-None-Match names that ETag gets 304 and no body.
 */
export async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  template: string,
  data: Record<string, unknown>,
  options: PageOptions,
): Promise<void> {
  const html = await reply.viewAsync(template, data, { layout: options.layout });
  const etag = `W/"${createHash('sha1').update(html).digest('base64url')}"`;
  reply.header('cache-control', options.cache).header('etag', etag).header('content-type', 'text/html; charset=utf-8');
  const status = options.status ?? 200;
  if (status === 200 && ifNoneMatch(request).includes(etag)) {
    await reply.status(304).send();
    return;
  }
  await reply.status(status).send(html);
}

/** A fragment for htmx: no layout, never cached. */
export async function sendFragment(reply: FastifyReply, template: string, data: Record<string, unknown>, status = 200): Promise<void> {
  const html = await reply.viewAsync(template, data);
  await reply.status(status).header('cache-control', PAGE_CACHE.private).header('content-type', 'text/html; charset=utf-8').send(html);
}

function ifNoneMatch(request: FastifyRequest): string[] {
  const header = request.headers['if-none-match'];
  return header ? header.split(',').map((tag) => tag.trim()) : [];
}
