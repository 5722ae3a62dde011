import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@newsroom/domain';
import type { FastifyRequest } from 'fastify';
import { AccessTokens, rolesAdmit } from '../auth/access-token';
import { ROLES } from '../auth/auth.decorators';
import { sessionTokenFrom } from '../auth/session-cookie';
import { DeskForbidden, DeskRedirect, DeskRequest } from './desk-session';

/**
 * The desk's sign-in check: the session cookie must hold a valid token (else
 * the login page), and the page's @Roles must match (else a 403 page).
 *
 * CSRF: the cookie is SameSite=Lax, so other sites' POSTs arrive without it;
 * on top of that a state-changing request must come from our own origin (its
 * Origin header) or from htmx (HX-Request, a header no cross-site form can set).
 */
@Injectable()
export class DeskGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DeskRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD' && !sameOrigin(request)) throw new DeskForbidden();
    const token = sessionTokenFrom(request.headers.cookie);
    if (!token) throw new DeskRedirect('/desk/login');
    // a logged-out or revoked session is sent to the login page like an expired one; Redis away: 503 (fail closed)
    const session = await this.tokens.authenticate(token);
    if (!session) throw new DeskRedirect('/desk/login');
    request.desk = { token, user: session.user };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!rolesAdmit(roles, session.user)) throw new DeskForbidden();
    return true;
  }
}

export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin) return origin === `${request.protocol}://${request.host}`;
  return request.headers['hx-request'] === 'true';
}
