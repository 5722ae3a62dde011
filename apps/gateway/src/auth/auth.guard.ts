import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, forbidden, Role } from '@newsroom/domain';
import type { FastifyRequest } from 'fastify';
import { AccessTokens, rolesAdmit } from './access-token';
import type { AuthSession } from './auth-session';
import { AuthUser } from './auth-user';
import { IS_PUBLIC, QUERY_TOKEN, ROLES } from './auth.decorators';
import { sessionTokenFrom } from './session-cookie';

/**
 * Global guard: every route needs a valid token unless marked @Public(), and
 * the roles listed by @Roles(). Authentication (401) is checked before
 * authorization (403).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser; authSession?: AuthSession }>();
    const token = this.tokenFrom(request, this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN, targets) ?? false);
    if (!token) throw new DomainError('unauthenticated', 'AUTH.TOKEN_MISSING', 'an access token is required (Authorization: Bearer <token>)');
    // 503 when Redis cannot say whether the token was revoked (fail closed, see SessionRevocation)
    const session = await this.tokens.authenticate(token);
    if (!session) throw new DomainError('unauthenticated', 'AUTH.TOKEN_INVALID', 'the access token is invalid, has expired or was revoked');
    const { user } = session;
    request.user = user;
    request.authSession = session;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (!rolesAdmit(roles, user)) {
      throw forbidden('AUTH.ROLE_REQUIRED', `this needs one of the roles: ${roles!.join(', ')}`);
    }
    return true;
  }

  private tokenFrom(request: FastifyRequest, allowQuery: boolean): string | undefined {
    const header = request.headers.authorization;
    if (header) {
      const [scheme, value] = header.split(' ');
      return scheme?.toLowerCase() === 'bearer' && value ? value : undefined;
    }
    if (allowQuery) {
      const query = request.query as { access_token?: unknown };
      if (typeof query?.access_token === 'string') return query.access_token;
      // the staff desk's session cookie (SameSite=Lax; only these read-only stream routes take it)
      return sessionTokenFrom(request.headers.cookie);
    }
    return undefined;
  }
}
