import { sessionCookie, sessionTokenFrom } from './session-cookie';

const attributes = (setCookie: string) => setCookie.split('; ').slice(1).sort();

describe('the desk session cookie', () => {
  it('is httpOnly, SameSite=Lax, site-wide and lives as long as asked', () => {
    const cookie = sessionCookie('eyJhbGciOiJIUzI1NiJ9.e30.sig', 43200, false);
    expect(cookie.split('; ')[0]).toBe('newsroom_session=eyJhbGciOiJIUzI1NiJ9.e30.sig');
    expect(attributes(cookie)).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax']);
  });

  it('is Secure when the desk is served over https', () => {
    expect(attributes(sessionCookie('t', 60, true))).toEqual(['HttpOnly', 'Max-Age=60', 'Path=/', 'SameSite=Lax', 'Secure']);
  });

  it('ends the session with an empty value that expires at once', () => {
    expect(sessionCookie('', 0, false).split('; ')[0]).toBe('newsroom_session=');
    expect(attributes(sessionCookie('', 0, false))).toContain('Max-Age=0');
  });

  it('reads back the token it wrote, among other cookies', () => {
    const token = 'a.b+c/d=';
    const pair = sessionCookie(token, 60, false).split('; ')[0];
    expect(sessionTokenFrom(`theme=dark; ${pair}; lang=id`)).toBe(token);
  });

  it('finds no token in a missing header, another cookie, an ended session or a malformed value', () => {
    expect(sessionTokenFrom(undefined)).toBeUndefined();
    expect(sessionTokenFrom('theme=dark')).toBeUndefined();
    expect(sessionTokenFrom('xnewsroom_session=t')).toBeUndefined();
    expect(sessionTokenFrom('newsroom_session=')).toBeUndefined();
    // not valid percent-encoding: passed on as it is (and then refused as a token), never a thrown URIError
    expect(sessionTokenFrom('newsroom_session=%E0%A4%A')).toBe('%E0%A4%A');
  });
});
