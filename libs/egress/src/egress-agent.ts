import { lookup as dnsLookup, LookupAddress, LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { parseAddress } from './address-policy';
import { EgressAllowList } from './egress-allow-list';
import { addressRefusal } from './egress-target';

/** What a refused connection is called wherever it is shown: no address, no port. */
export const TARGET_REFUSED = 'target refused: internal address';

/** A connection the egress rule did not allow. */
export class EgressRefusedError extends Error {
  readonly code = 'ERR_EGRESS_REFUSED';
  constructor() {
    super(TARGET_REFUSED);
    this.name = 'EgressRefusedError';
  }
}

type SystemLookup = (hostname: string, options: LookupAllOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for net/tls.connect that resolves the name once, refuses the
 * connection if any address is internal (and not allowed), and hands the
 * socket exactly the addresses it checked: nothing resolves the name again
 * between the check and the connect, so DNS rebinding has no window.
 */
export function guardedLookup(allow: EgressAllowList, systemLookup: SystemLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    systemLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      if (!addresses.length) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      if (!allow.allowsHost(hostname) && addresses.some((a) => addressRefusal(parseAddress(a.address), allow))) {
        return callback(new EgressRefusedError(), '', 0);
      }
      // net.connect asks for every address when it tries both families (autoSelectFamily), for one otherwise.
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * An undici dispatcher whose every connection obeys the egress rule: names
 * are checked by guardedLookup; an address literal (which net.connect uses
 * without any lookup) is checked before connecting.
 */
export function egressAgent(allow: EgressAllowList, options: { connectTimeoutMs?: number } = {}): Agent {
  const connector = buildConnector({ timeout: options.connectTimeoutMs, lookup: guardedLookup(allow) } as buildConnector.BuildOptions);
  return new Agent({
    connect: (target, callback) => {
      const literal = parseAddress(target.hostname);
      if (literal && !allow.allowsHost(target.hostname) && addressRefusal(literal, allow)) return callback(new EgressRefusedError(), null);
      return connector(target, callback);
    },
  });
}
