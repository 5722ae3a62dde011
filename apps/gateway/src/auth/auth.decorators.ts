import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from '@newsroom/domain';
import type { AuthSession } from './auth-session';
import type { AuthUser } from './auth-user';

export const ROLES = 'newsroom:roles';
export const QUERY_TOKEN = 'newsroom:query-token';

export { IS_PUBLIC, Public } from '@newsroom/http';

/** Needs a token and at least one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The token may also come as `?access_token=` (browsers' EventSource cannot set headers). */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);

/** The session the request's token opened (its id and expiry too, for logout and long-lived streams). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthSession => ctx.switchToHttp().getRequest().authSession);
