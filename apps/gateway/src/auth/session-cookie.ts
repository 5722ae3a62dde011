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
  for (const pair of cookieHeader.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === SESSION_COOKIE) {
      const value = pair.slice(at + 1).trim();
      return value ? decodeURIComponent(value) : undefined;
    }
  }
  return undefined;
}
