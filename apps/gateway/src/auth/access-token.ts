import { JwtService } from '@nestjs/jwt';
import { Role } from '@newsroom/domain';
import { AuthUser } from './auth-user';

/** What a signed access token says about its holder. */
interface TokenClaims {
  sub: string;
  email: string;
  name: string;
  roles: Role[];
}

/** The caller a token names, or null when it is invalid or expired. Shared by the API's guard and the desk's. */
export async function userFromToken(jwt: JwtService, token: string): Promise<AuthUser | null> {
  try {
    const claims = await jwt.verifyAsync<TokenClaims>(token);
    return { id: claims.sub, email: claims.email, name: claims.name, roles: claims.roles };
  } catch {
    return null;
  }
}

/** Whether a route's @Roles (none: anyone signed in) admit the user. */
export function rolesAdmit(required: Role[] | undefined, user: AuthUser): boolean {
  return !required?.length || required.some((r) => user.roles.includes(r));
}
