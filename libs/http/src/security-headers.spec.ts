import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from './security-headers';

const policy = (publicUrl: string) => ({ publicUrl, referrerPolicy: 'same-origin' as const, inlineStylesUnder: ['/docs'], dataOnlyAt: ['/views'] });

function headersFor(url: string, publicUrl: string): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  const response = { setHeader: (name: string, value: unknown) => void (set[name.toLowerCase()] = value) };
  securityHeaders(policy(publicUrl)).set({ url } as IncomingMessage, response as unknown as ServerResponse);
  return set;
}

describe('securityHeaders', () => {
  it('sends HSTS and upgrade-insecure-requests only for an https public URL', () => {
    const plain = headersFor('/', 'http://127.0.0.1:3000');
    expect(plain['strict-transport-security']).toBeUndefined();
    expect(plain['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const secure = headersFor('/', 'https://portal.example');
    expect(secure['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(secure['content-security-policy']).toContain('upgrade-insecure-requests');
  });

  it('keeps inline styles only under the listed prefixes, never scripts', () => {
    expect(headersFor('/docs', 'http://x')['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(headersFor('/docs/openapi.json', 'http://x')['content-security-policy']).toContain("'unsafe-inline'");
    expect(headersFor('/docsx', 'http://x')['content-security-policy']).not.toContain("'unsafe-inline'");
    expect(headersFor('/docs', 'http://x')['content-security-policy']).toContain("script-src 'self';");
    const page = headersFor('/desk', 'http://x');
    expect(page['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page['x-frame-options']).toBe('DENY');
    expect(page['referrer-policy']).toBe('same-origin');
    expect(page['permissions-policy']).toContain('geolocation=()');
  });

  it('gives the data-only paths the API set, as pairs for one writeHead and set alike', () => {
    const headers = securityHeaders(policy('https://portal.example'));
    expect(headers.isDataOnly('/views')).toBe(true);
    expect(headers.isDataOnly('/views?x=1')).toBe(true);
    expect(headers.isDataOnly('/views/batch')).toBe(false);
    const pairs = Object.fromEntries(Array.from({ length: headers.dataOnly.length / 2 }, (_, i) => [headers.dataOnly[2 * i], headers.dataOnly[2 * i + 1]]));
    expect(pairs).toEqual({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(headersFor('/views', 'https://portal.example')).toEqual(pairs);
  });
});
