/**
 * Which client addresses may deliver to the LMTP/SMTP listener: an optional list of
 * CIDR ranges (`127.0.0.0/8`, `10.1.2.3`, `::1/128`). No list lets everyone connect,
 * which is what a listener bound to loopback relies on.
 */
import { BlockList, isIP } from 'node:net';

export type ClientCheck = (address: string) => boolean;

/** Builds the check; throws on a range that is not an IP address or CIDR, so a typo stops the start. */
export function allowedClientsCheck(cidrs: readonly string[] | undefined): ClientCheck {
  if (!cidrs) return () => true;
  const list = new BlockList();
  for (const entry of cidrs) {
    const [ip, prefix, extra] = entry.trim().split('/');
    const family = isIP(ip);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    list.addSubnet(ip, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return (address) => {
    // Dual-stack sockets report IPv4 clients as ::ffff:a.b.c.d.
    const ip = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}
