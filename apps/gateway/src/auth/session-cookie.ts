import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * The staff desk keeps the access token in an httpOnly cookie (the page's
 * scripts never see it). Routes marked @AllowQueryToken() accept it too, so
 * the desk's EventSource reaches the review queue stream without putting
 * the token in a URL.
 */
export const SESSION_COOKIE = 'newsroom_session';

/** The session token from a Cookie header, if there is one. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  return parseCookie(cookieHeader)[SESSION_COOKIE] || undefined;
}

/**
 * The Set-Cookie value that stores a session token for `maxAgeSeconds`; an
 * empty token with 0 ends the session. SameSite=Lax keeps other sites' form
 * posts from carrying it; Secure whenever the desk is served over https.
 */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return stringifySetCookie({ name: SESSION_COOKIE, value: token, path: '/', httpOnly: true, sameSite: 'lax', maxAge: maxAgeSeconds, secure });
}
