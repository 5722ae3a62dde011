import { Role } from '@newsroom/domain';

/** Who is calling, as the access token says. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

export function hasRole(user: AuthUser, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}
