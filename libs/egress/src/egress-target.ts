import { lookup } from 'node:dns/promises';
import { internalRange, IpAddress, parseAddress } from './address-policy';
import { EgressAllowList } from './egress-allow-list';

/** Every address a host name resolves to; injected so tests need no DNS. */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The system resolver, as a connection would use it (/etc/hosts included), every address at once. */
export const resolveAll: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export type EgressVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'unsupported_url' | 'internal' | 'unresolvable'; message: string };

/** Why one address may not be reached (its range), or null when it may. */
export function addressRefusal(address: IpAddress | null, allow: EgressAllowList): string | null {
  if (!address) return 'unparsable';
  if (allow.allowsAddress(address)) return null;
  return internalRange(address);
}

/** An http(s) URL as fetch would read it, or null; credentials are refused because fetch refuses them. */
export function parseHttpUrl(text: string): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url;
}

/**
 * May a request go to `target`? Its host is read by the WHATWG URL parser
 * (the one fetch uses), so every spelling of an address (0x7f000001,
 * 2130706433, 0177.0.0.1, 127.1, [::ffff:7f00:1]) is judged as the address it
 * means. A name is refused when ANY of its addresses is internal: the
 * connection may use any of them. This is the check at registration; the
 * connection itself is checked again after its own lookup (egressAgent),
 * since a name may resolve differently by then.
 */
export async function checkEgressTarget(target: string, allow: EgressAllowList, resolve: Resolver = resolveAll): Promise<EgressVerdict> {
  const url = parseHttpUrl(target);
  if (!url) return { allowed: false, reason: 'unsupported_url', message: 'only http:// and https:// URLs without credentials can be targeted' };
  if (allow.allowsHost(url.hostname)) return { allowed: true };

  const literal = parseAddress(url.hostname);
  if (literal) {
    const range = addressRefusal(literal, allow);
    return range ? { allowed: false, reason: 'internal', message: `${url.hostname} is an internal address (${range})` } : { allowed: true };
  }

  let addresses: string[];
  try {
    addresses = await resolve(url.hostname);
  } catch {
    addresses = [];
  }
  if (!addresses.length) return { allowed: false, reason: 'unresolvable', message: `the host name ${url.hostname} does not resolve to any address` };
  for (const address of addresses) {
    const range = addressRefusal(parseAddress(address), allow);
    if (range) return { allowed: false, reason: 'internal', message: `${url.hostname} resolves to an internal address (${range})` };
  }
  return { allowed: true };
}
