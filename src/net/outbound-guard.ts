/**
 * Where Parley may connect for a tenant (webhooks, "test endpoint" actions): never to
 * loopback, link-local, private, unique-local, carrier-grade NAT, multicast, reserved or
 * cloud metadata addresses (DESIGN.md, security rules), judged on the addresses the host
 * name resolves to — at save, and again at every connection and redirect, through
 * `guardedLookup`, so a name that resolves elsewhere later (DNS rebinding) is caught where
 * it matters. The operator may allow hosts or ranges with PARLEY_OUTBOUND_ALLOW
 * (comma-separated host names, IP addresses or CIDR ranges; tests allow their loopback
 * receivers this way).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { addressRanges, isAddressRange, unmapIPv4, type AddressCheck } from './address-ranges.ts';

/** Ranges no tenant may reach unless the operator allows them. */
export const FORBIDDEN_RANGES = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', '::1/128', '64:ff9b:1::/48', '100::/64', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8',
];
const forbidden = addressRanges(FORBIDDEN_RANGES);

/** IPv4 addresses carried inside IPv6 ones (NAT64 64:ff9b::/96, 6to4 2002::/16) are judged as the IPv4 address. */
function embeddedIPv4(address: string): string | null {
  const lower = address.toLowerCase();
  const nat64 = /^64:ff9b::(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (nat64) return nat64[1] ?? hexPairToIPv4(nat64[2], nat64[3]);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  return sixToFour ? hexPairToIPv4(sixToFour[1], sixToFour[2]) : null;
}
const hexPairToIPv4 = (hi: string, lo: string): string => {
  const a = parseInt(hi, 16);
  const b = parseInt(lo, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
};

export interface OutboundPolicy {
  /** Host names the operator allows whatever they resolve to (lower case). */
  hosts: ReadonlySet<string>;
  /** Addresses the operator allows. */
  ranges: AddressCheck;
}

/** The policy of PARLEY_OUTBOUND_ALLOW; throws on an entry that is neither a host name nor an address range. */
export function outboundPolicy(allow: string | undefined): OutboundPolicy {
  const entries = (allow ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const hosts = new Set<string>();
  const ranges: string[] = [];
  for (const entry of entries) {
    if (isAddressRange(entry)) ranges.push(entry);
    else if (/^(?=.{1,253}$)[a-z0-9*]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry)) hosts.add(entry.toLowerCase());
    else throw new Error(`PARLEY_OUTBOUND_ALLOW: "${entry}" is not a host name, an IP address or a CIDR range`);
  }
  return { hosts, ranges: addressRanges(ranges) };
}

/** Why an address may not be reached, or null when it may. */
export function refusedAddress(address: string, policy: OutboundPolicy): string | null {
  const ip = unmapIPv4(address);
  if (!isIP(ip)) return `${address} is not an IP address`;
  if (policy.ranges(ip)) return null;
  const inner = embeddedIPv4(ip);
  if (forbidden(ip) || (inner !== null && forbidden(inner))) {
    return `${ip} is a loopback, private, link-local or otherwise internal address (an operator may allow it with PARLEY_OUTBOUND_ALLOW)`;
  }
  return null;
}

export class OutboundRefusedError extends Error {
  constructor(message: string) { super(message); this.name = 'OutboundRefusedError'; }
}

type Resolve = (host: string) => Promise<string[]>;
const resolveAll: Resolve = (host) => new Promise((resolve, reject) => {
  dnsLookup(host, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) => (error ? reject(error) : resolve(addresses.map((a) => a.address))));
});

/**
 * Checks a URL a tenant gave (at save): http or https, no credentials in it, and a host
 * every address of which may be reached. Throws OutboundRefusedError with the reason.
 */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy, resolve: Resolve = resolveAll): Promise<URL> {
  let url: URL;
  try { url = new URL(raw); } catch { throw new OutboundRefusedError('must be an absolute http or https URL'); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundRefusedError('must be an http or https URL');
  if (url.username || url.password) throw new OutboundRefusedError('must not carry a user name or password');
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (policy.hosts.has(host)) return url;
  let addresses: string[];
  try { addresses = isIP(host) ? [host] : await resolve(host); } catch { throw new OutboundRefusedError(`the host ${host} does not resolve`); }
  if (addresses.length === 0) throw new OutboundRefusedError(`the host ${host} does not resolve`);
  for (const address of addresses) {
    const reason = refusedAddress(address, policy);
    if (reason) throw new OutboundRefusedError(`${host} resolves to ${reason}`);
  }
  return url;
}

/**
 * A `lookup` for http(s).Agent / net.connect that refuses forbidden addresses at the moment
 * of connecting, so what is checked is what is connected to. Node does not call `lookup`
 * for a host that is an IP address: a sender checks each URL it requests, the first and
 * every redirect, with checkOutboundUrl (which judges IP literals itself) and connects
 * through this lookup.
 */
export function guardedLookup(policy: OutboundPolicy, lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    const allowedByName = policy.hosts.has(hostname.toLowerCase());
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) { callback(error, '', 0); return; }
      const usable = allowedByName ? addresses : addresses.filter((a) => refusedAddress(a.address, policy) === null);
      if (usable.length === 0) {
        const reason = addresses[0] ? refusedAddress(addresses[0].address, policy) : 'no address';
        callback(Object.assign(new OutboundRefusedError(`${hostname}: ${reason}`), { code: 'EOUTBOUNDREFUSED' }), '', 0);
        return;
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      else callback(null, usable[0].address, usable[0].family);
    });
  };
}
