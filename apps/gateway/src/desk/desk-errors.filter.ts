import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PAGE_CACHE, sendPage } from '@newsroom/html';
import { DeskForbidden, DeskRedirect } from './desk-session';

/** Desk pages answer in HTML: a redirect to the login page, or a 403 page; never the API's JSON. */
@Catch(DeskRedirect, DeskForbidden)
export class DeskErrorsFilter implements ExceptionFilter {
  async catch(exception: DeskRedirect | DeskForbidden, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof DeskRedirect) {
      // htmx follows a plain redirect inside the fragment it asked for; HX-Redirect moves the whole page
      if (request.headers['hx-request']) await reply.header('hx-redirect', exception.location).status(204).send();
      else await reply.header('cache-control', PAGE_CACHE.private).redirect(exception.location, 303);
      return;
    }
    // htmx asked for one region of a page: the 403 page's main part takes the place of the page's
    if (request.headers['hx-request']) reply.header('hx-retarget', '.desk-main').header('hx-reselect', '.desk-main').header('hx-reswap', 'outerHTML');
    await sendPage(request, reply, 'desk/forbidden.hbs', { nav: [] }, { layout: 'layouts/desk.hbs', status: 403, cache: PAGE_CACHE.private });
  }
}
