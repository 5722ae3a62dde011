import { commaList } from '@newsroom/config';
import ipaddr from 'ipaddr.js';
import { IpAddress, parseAddress } from './address-policy';

type Cidr = [IpAddress, number];

/** The host of a URL, or an allowed host, as compared: lower case, no trailing dot, no brackets. */
export function comparableHost(hostname: string): string {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return bare.toLowerCase().replace(/\.$/, '');
}

/** An IPv4-mapped IPv6 address (how a dual-stack socket sees an IPv4 peer) is compared as the IPv4 address it is. */
function unmapped(address: IpAddress): IpAddress {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/** An entry as the WHATWG URL parser would read it as a host, so `127.1` in the setting means 127.0.0.1 as it does in a URL. */
function hostOfEntry(entry: string): string | null {
  try {
    const url = new URL(`http://${entry}/`);
    if (url.port || url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    return url.hostname;
  } catch {
    return null;
  }
}

/**
 * Hosts and networks that outgoing requests may reach although they are
 * internal (NEWSROOM_WEBHOOK_ALLOWED_HOSTS): a receiver on the same machine or
 * the office network, chosen by whoever runs the newsroom. A host name listed
 * here is trusted whatever it resolves to, and need not resolve from every
 * process (the gateway may not see the review service's internal names).
 */
export class EgressAllowList {
  static readonly NONE = new EgressAllowList(new Set(), []);

  private constructor(
    private readonly hosts: ReadonlySet<string>,
    private readonly networks: readonly Cidr[],
  ) {}

  /** Reads the comma-separated setting; throws naming every entry that is neither a host, an address nor a CIDR. */
  static parse(setting: string | undefined): EgressAllowList {
    const entries = commaList(setting);
    const hosts = new Set<string>();
    const networks: Cidr[] = [];
    const bad: string[] = [];
    for (const entry of entries) {
      if (entry.includes('/')) {
        if (ipaddr.isValidCIDR(entry)) {
          const [address, bits] = ipaddr.parseCIDR(entry);
          networks.push(address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96 ? [unmapped(address), bits - 96] : [address, bits]);
        } else bad.push(entry);
        continue;
      }
      const host = hostOfEntry(entry);
      const address = host === null ? null : parseAddress(host);
      if (address) networks.push([unmapped(address), address.kind() === 'ipv4' || unmapped(address).kind() === 'ipv4' ? 32 : 128]);
      else if (host !== null) hosts.add(comparableHost(host));
      else bad.push(entry);
    }
    if (bad.length) throw new Error(`not a host name, an address or a CIDR: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
    return hosts.size || networks.length ? new EgressAllowList(hosts, networks) : EgressAllowList.NONE;
  }

  /** A URL's host (as URL.hostname gives it) that is listed by name. */
  allowsHost(hostname: string): boolean {
    return this.hosts.has(comparableHost(hostname));
  }

  allowsAddress(address: IpAddress): boolean {
    const plain = unmapped(address);
    return this.networks.some(([network, bits]) => network.kind() === plain.kind() && plain.match(network, bits));
  }
}
