/**
 * Lists of IP addresses and CIDR ranges (`127.0.0.0/8`, `10.1.2.3`, `::1/128`), checked
 * with node's BlockList. IPv4 addresses written the IPv6 way (`::ffff:10.0.0.1`, as
 * dual-stack sockets report them) are checked as the IPv4 address they are.
 */
import { BlockList, isIP } from 'node:net';

export type AddressCheck = (address: string) => boolean;

/** `::ffff:a.b.c.d` → `a.b.c.d`; anything else unchanged. */
export const unmapIPv4 = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** True for an IP address or a CIDR range. */
export function isAddressRange(entry: string): boolean {
  const [ip, prefix, extra] = entry.trim().split('/');
  const family = isIP(ip);
  const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
  return family !== 0 && extra === undefined && Number.isInteger(bits) && bits >= 0 && bits <= (family === 6 ? 128 : 32) && (prefix === undefined || /^\d+$/.test(prefix));
}

/** A check for membership in the ranges; throws on an entry that is not an IP address or CIDR range, so a typo stops the start. */
export function addressRanges(entries: readonly string[]): AddressCheck {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!isAddressRange(entry)) throw new Error(`"${raw}" is not an IP address or CIDR range`);
    const [ip, prefix] = entry.split('/');
    const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(ip, prefix === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefix), family);
  }
  return (address) => {
    const ip = unmapIPv4(address);
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}
