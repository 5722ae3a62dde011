import { Body, Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { sessionCookie, sessionTokenFrom } from '../auth/session-cookie';
import { GatewayConfig } from '../gateway.config';
import { STRINGS } from '@newsroom/html';
import { DeskErrorsFilter } from './desk-errors.filter';
import { DeskGuard, sameOrigin } from './desk.guard';
import { DeskForbidden, DeskRequest, deskNav } from './desk-session';
import { DeskViews } from './desk-views.service';
import { loginError } from './login-error';
import { StaffApi } from './staff-api.service';

/**
 * Signing in and out of the desk. The token the API issues goes into an
 * httpOnly, SameSite=Lax cookie (Secure behind https) that lives as long as
 * the token; the desk's scripts never see it.
 */
@ApiExcludeController()
@Public()
@UseFilters(DeskErrorsFilter)
@Controller('desk')
export class DeskSessionController {
  constructor(
    private readonly api: StaffApi,
    private readonly views: DeskViews,
    private readonly config: GatewayConfig,
  ) {}

  @Get('login')
  loginPage(@Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.views.page(request, reply, 'desk/login.hbs', {});
  }

  @Post('login')
  async login(@Body() form: Record<string, string>, @Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!sameOrigin(request)) throw new DeskForbidden();
    const email = String(form?.email ?? '');
    const answer = await this.api.call(request, undefined, 'POST', '/auth/login', { email, password: String(form?.password ?? '') });
    if (answer.status !== 200) {
      return this.views.page(request, reply, 'desk/login.hbs', { error: loginError(answer), email }, answer.status === 429 ? 429 : 401);
    }
    reply.header('set-cookie', this.cookie(request, answer.body.accessToken, this.config.NEWSROOM_TOKEN_TTL_SECONDS));
    await reply.redirect('/desk', 303);
  }

  /**
   * Ends the session itself (the token dies on every replica, as with
   * POST /auth/logout), not only the cookie: a copied cookie must not outlive
   * the logout. Already dead or missing: nothing to end. Redis away: 503, and
   * the cookie stays, so the person sees that they are not signed out yet.
   */
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!sameOrigin(request)) throw new DeskForbidden();
    const token = sessionTokenFrom(request.headers.cookie);
    if (token) {
      const answer = await this.api.call(request, token, 'POST', '/auth/logout');
      if (answer.status >= 500) {
        await reply.status(answer.status).header('retry-after', '5').header('content-type', 'application/json; charset=utf-8').send(answer.body);
        return;
      }
    }
    reply.header('set-cookie', this.cookie(request, '', 0));
    await reply.redirect('/desk/login', 303);
  }

  /** The desk's front page is the first page the caller's roles open. */
  @Get()
  @UseGuards(DeskGuard)
  async home(@Req() request: DeskRequest, @Res() reply: FastifyReply): Promise<void> {
    const [first] = deskNav(request.desk.user, '', STRINGS);
    if (!first) return this.views.page(request, reply, 'desk/forbidden.hbs', {}, 403);
    await reply.redirect(first.href, 303);
  }

  private cookie(request: FastifyRequest, token: string, maxAgeSeconds: number): string {
    // https as the browser sees it: the public URL, or a trusted proxy's X-Forwarded-Proto (request.protocol)
    return sessionCookie(token, maxAgeSeconds, this.config.publicUrl.startsWith('https:') || request.protocol === 'https');
  }
}
