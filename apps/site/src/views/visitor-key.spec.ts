import { clientKey, visitorKey } from './visitor-key';

describe('visitorKey', () => {
  const salt = 'test-salt-123';
  const browser = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0' };

  it('is stable for the same visitor and never contains the IP or User-Agent', () => {
    const key = visitorKey(browser, salt);
    expect(visitorKey({ ...browser }, salt)).toBe(key);
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(key).not.toContain('203.0.113.7');
  });

  it('tells apart another IP, another User-Agent and another salt', () => {
    const key = visitorKey(browser, salt);
    expect(visitorKey({ ...browser, ip: '203.0.113.8' }, salt)).not.toBe(key);
    expect(visitorKey({ ...browser, userAgent: 'Mozilla/5.0 Chrome/131' }, salt)).not.toBe(key);
    expect(visitorKey(browser, 'another-salt')).not.toBe(key);
  });

  it('prefers the site\'s visitor id over IP and User-Agent', () => {
    const a = visitorKey({ ...browser, visitorId: 'cookie-1' }, salt);
    expect(visitorKey({ ip: '198.51.100.1', userAgent: 'other', visitorId: 'cookie-1' }, salt)).toBe(a);
    expect(visitorKey({ ...browser, visitorId: 'cookie-2' }, salt)).not.toBe(a);
  });

  it('cannot be forged by a visitor id that spells out an IP and User-Agent', () => {
    const byIp = visitorKey({ ip: 'a', userAgent: 'b' }, salt);
    expect(visitorKey({ ip: 'x', userAgent: 'y', visitorId: 'a\0b' }, salt)).not.toBe(byIp);
  });
});

describe('clientKey', () => {
  it('is stable per address and salt, hides the address, and never equals a visitor key', () => {
    const key = clientKey('203.0.113.7', 'salt');
    expect(clientKey('203.0.113.7', 'salt')).toBe(key);
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(clientKey('203.0.113.8', 'salt')).not.toBe(key);
    expect(clientKey('203.0.113.7', 'other')).not.toBe(key);
    expect(visitorKey({ ip: '203.0.113.7', userAgent: '' }, 'salt')).not.toBe(key);
  });
});
