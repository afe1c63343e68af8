/**
 * Which client addresses may deliver to the LMTP/SMTP listener: an optional list of
 * CIDR ranges (`127.0.0.0/8`, `10.1.2.3`, `::1/128`). No list lets everyone connect,
 * which is what a listener bound to loopback relies on.
 */
import { addressRanges } from '../../../net/address-ranges.ts';

export type ClientCheck = (address: string) => boolean;

/** Builds the check; throws on a range that is not an IP address or CIDR, so a typo stops the start. */
export function allowedClientsCheck(cidrs: readonly string[] | undefined): ClientCheck {
  if (!cidrs) return () => true;
  return addressRanges(cidrs);
}
