import { Role } from '@newsroom/domain';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth-user';
import type { Strings } from '@newsroom/html';

/** What a desk request knows about its caller once DeskGuard let it through. */
export interface DeskRequest extends FastifyRequest {
  desk: { user: AuthUser; token: string };
}

/** Thrown to send the browser elsewhere (the login page, mostly); DeskErrorsFilter answers it. */
export class DeskRedirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

/** The caller's roles allow nothing on this page; DeskErrorsFilter shows a 403 page. */
export class DeskForbidden extends Error {}

export interface NavItem {
  href: string;
  label: string;
  active: boolean;
}

/**
 * Each role sees the desk pages it may use, and no others: the same roles as
 * each page's controller admits (and the API behind it). The first page a
 * caller may use is where /desk takes them.
 */
export const DESK_PAGES: { href: string; roles: Role[]; label: (t: Strings) => string }[] = [
  { href: '/desk/drafts', roles: [Role.Reporter], label: (t) => t.myDrafts },
  { href: '/desk/review', roles: [Role.Editor], label: (t) => t.reviewQueue },
  { href: '/desk/schedule', roles: [Role.Scheduler, Role.Editor], label: (t) => t.calendar },
  { href: '/desk/published', roles: [Role.Scheduler, Role.Editor], label: (t) => t.publishedArticles },
  { href: '/desk/users', roles: [Role.Admin], label: (t) => t.users },
  { href: '/desk/rubrics', roles: [Role.Admin, Role.Editor], label: (t) => t.rubric },
  { href: '/desk/webhooks', roles: [Role.Admin], label: (t) => t.webhooks },
];

export function deskNav(user: AuthUser, currentPath: string, strings: Strings): NavItem[] {
  return DESK_PAGES.filter((p) => p.roles.some((r) => user.roles.includes(r))).map((p) => ({
    href: p.href,
    label: p.label(strings),
    active: currentPath.startsWith(p.href),
  }));
}
