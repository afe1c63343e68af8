import { describe, expect, it } from 'vitest';
import { addressRanges, isAddressRange } from './address-ranges.ts';

describe('address ranges', () => {
  it('matches addresses in the ranges, IPv4 written the IPv6 way too', () => {
    const check = addressRanges(['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    expect(['10.200.1.1', '::ffff:10.0.0.1', '192.0.2.7', '2001:db8::1'].map(check)).toEqual([true, true, true, true]);
    expect(['11.0.0.1', '192.0.2.8', '2001:db9::1', 'not an ip', ''].map(check)).toEqual([false, false, false, false, false]);
  });

  it('refuses entries that are not addresses or ranges', () => {
    expect(['10.0.0.0/8', '::1', '::/0', '1.2.3.4/32'].every(isAddressRange)).toBe(true);
    expect(['10.0.0.0/33', '10.0.0.0/8/1', 'example.com', '1.2.3.4/x', '1.2.3.4/'].some(isAddressRange)).toBe(false);
    expect(() => addressRanges(['10.0.0.0/8', 'nope'])).toThrow('"nope" is not an IP address or CIDR range');
  });
});
