import proxyAddr from '@fastify/proxy-addr';
import type { IncomingMessage } from 'node:http';

/** Whether the peer at `address`, `hop` steps from this server, is a proxy whose forwarding headers we believe. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** The names proxy-addr knows besides addresses and CIDRs. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * The one notion of "the client" for every per-client decision (rate limits,
 * the visitor cap and the anonymous visitor's hash, the Secure cookie flag):
 * the socket's address, unless that peer is one of NEWSROOM_TRUSTED_PROXIES,
 * in which case X-Forwarded-For is walked back from the right until the first
 * address that is not a trusted proxy. Fastify's `trustProxy` takes the same
 * function, so `request.ip`, `request.protocol` and `request.host` agree with
 * the view beacon, which reads the raw request with proxy-addr.
 *
 * With no trusted proxies (the default), forwarding headers are ignored: a
 * client cannot pick its own address by sending X-Forwarded-For.
 */
export function proxyTrust(trusted: readonly string[]): ProxyTrust {
  return proxyAddr.compile([...trusted]);
}

/** The client's address of a raw Node request (the beacon runs in front of Fastify). */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string {
  return proxyAddr(request, trust);
}

/** Entries of NEWSROOM_TRUSTED_PROXIES that proxy-addr would refuse, for a start-up error that names them. */
export function invalidProxyEntries(trusted: readonly string[]): string[] {
  return trusted.filter((entry) => {
    if (RANGE_NAMES.has(entry)) return false;
    try {
      proxyAddr.compile(entry);
      return false;
    } catch {
      return true;
    }
  });
}
