import type { IncomingMessage } from 'node:http';
import { clientAddress, invalidProxyEntries, proxyTrust } from './client-address';

function request(peer: string, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} } as unknown as IncomingMessage;
}

describe('the client address', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    const trust = proxyTrust([]);
    expect(clientAddress(request('127.0.0.5', '203.0.113.9'), trust)).toBe('127.0.0.5');
    expect(clientAddress(request('198.51.100.7', '10.0.0.1, 203.0.113.9'), trust)).toBe('198.51.100.7');
  });

  it('is the forwarded address when the peer is a trusted proxy', () => {
    const trust = proxyTrust(['10.0.0.0/8']);
    expect(clientAddress(request('10.1.2.3', '203.0.113.9'), trust)).toBe('203.0.113.9');
  });

  it('stops at the first untrusted hop, so a client cannot prepend a made-up address', () => {
    const trust = proxyTrust(['10.0.0.2']);
    // the client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the client's real address
    expect(clientAddress(request('10.0.0.2', '1.2.3.4, 198.51.100.7'), trust)).toBe('198.51.100.7');
  });

  it('walks several trusted proxies back to the client', () => {
    const trust = proxyTrust(['10.0.0.2', '10.0.0.3']);
    expect(clientAddress(request('10.0.0.3', '1.2.3.4, 198.51.100.7, 10.0.0.2'), trust)).toBe('198.51.100.7');
  });

  it('trusts an untrusted peer from another address range not at all', () => {
    const trust = proxyTrust(['127.0.0.1']);
    expect(clientAddress(request('127.0.0.5', '203.0.113.9'), trust)).toBe('127.0.0.5');
  });

  it('understands IPv6 peers and IPv4-mapped forms', () => {
    const trust = proxyTrust(['::1']);
    expect(clientAddress(request('::1', '2001:db8::7'), trust)).toBe('2001:db8::7');
    expect(clientAddress(request('::ffff:127.0.0.5', '203.0.113.9'), proxyTrust([]))).toBe('::ffff:127.0.0.5');
  });

  it('names the entries of the setting that are not addresses, CIDRs or range names', () => {
    expect(invalidProxyEntries(['10.0.0.0/8', 'loopback', '::1', '192.168.1.7'])).toEqual([]);
    expect(invalidProxyEntries(['proxy.internal', '10.0.0.0/33', '10.0.0.1'])).toEqual(['proxy.internal', '10.0.0.0/33']);
  });
});
