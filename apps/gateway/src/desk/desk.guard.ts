import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@newsroom/domain';
import type { FastifyRequest } from 'fastify';
import { rolesAdmit, userFromToken } from '../auth/access-token';
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
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<DeskRequest>();
    if (request.method !== 'GET' && request.method !== 'HEAD' && !sameOrigin(request)) throw new DeskForbidden();
    const token = sessionTokenFrom(request.headers.cookie);
    if (!token) throw new DeskRedirect('/desk/login');
    const user = await userFromToken(this.jwt, token);
    if (!user) throw new DeskRedirect('/desk/login');
    request.desk = { token, user };
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!rolesAdmit(roles, user)) throw new DeskForbidden();
    return true;
  }
}

export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin) return origin === `${request.protocol}://${request.host}`;
  return request.headers['hx-request'] === 'true';
}
