import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * An address as the network stack would use it, or null when `text` is not an
 * address. Only canonical spellings: `127.1` or `0x7f000001` are not addresses
 * here, since a URL's host has been through the WHATWG parser (which turns
 * them into 127.0.0.1) and the resolver only returns canonical forms.
 */
export function parseAddress(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  // A zone id (fe80::1%eth0) names an interface of this machine: never a public target.
  if (ipaddr.IPv6.isValid(bare) && !bare.includes('%')) return ipaddr.IPv6.parse(bare);
  return null;
}

/**
 * IPv6 forms that carry an IPv4 address a packet ends up at: IPv4-mapped
 * (::ffff:a.b.c.d, how a dual-stack socket writes an IPv4 peer), SIIT
 * (::ffff:0:a.b.c.d), NAT64's well-known prefix (64:ff9b::a.b.c.d, where the
 * gateway forwards to the embedded address) and 6to4 (2002:AABB:CCDD::). Such
 * an address is as internal as the IPv4 address inside it.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = address.range();
  const bytes = address.toByteArray();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || (range === 'rfc6052' && address.match(ipaddr.IPv6.parse('64:ff9b::'), 96))) {
    return new ipaddr.IPv4(bytes.slice(12, 16));
  }
  if (range === '6to4') return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

/**
 * Why an address is not a public internet host (ipaddr.js's range name:
 * `loopback`, `private`, `linkLocal`, `carrierGradeNat`, `uniqueLocal`,
 * `multicast`, `unspecified`, `broadcast`, `reserved`, ...), or null when it
 * is ordinary public unicast. Only `unicast` passes, so a range ipaddr.js
 * learns about later is refused rather than let through.
 */
export function internalRange(address: IpAddress): string | null {
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6;
    const inner = embeddedIPv4(v6);
    if (inner) {
      const innerRange = internalRange(inner);
      return innerRange ? `${v6.range()} of ${innerRange}` : null;
    }
    // IPv4-compatible (::a.b.c.d, deprecated by RFC 4291): ipaddr.js calls ::7f00:1 unicast.
    // (::1 and :: lie in that block too; they keep their own names, loopback and unspecified.)
    if (v6.parts.slice(0, 6).every((part) => part === 0) && v6.range() === 'unicast') return 'ipv4Compatible';
  }
  const range = address.range();
  return range === 'unicast' ? null : range;
}
