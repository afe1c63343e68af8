import { describe, expect, it } from 'vitest';
import { allowedClientsCheck } from './direct-clients.ts';

describe('allowedClientsCheck', () => {
  it('lets everyone in when no list is given', () => {
    expect(allowedClientsCheck(undefined)('203.0.113.9')).toBe(true);
  });

  it('matches IPv4 and IPv6 ranges, single addresses and IPv4-mapped IPv6', () => {
    const allowed = allowedClientsCheck(['127.0.0.0/8', '10.1.2.3', '2001:db8::/32', '::1']);
    expect(allowed('127.0.0.1')).toBe(true);
    expect(allowed('127.255.0.9')).toBe(true);
    expect(allowed('::ffff:127.0.0.1')).toBe(true);
    expect(allowed('10.1.2.3')).toBe(true);
    expect(allowed('10.1.2.4')).toBe(false);
    expect(allowed('2001:db8:1::5')).toBe(true);
    expect(allowed('::1')).toBe(true);
    expect(allowed('192.168.1.1')).toBe(false);
    expect(allowed('not-an-ip')).toBe(false);
  });

  it('refuses a list entry that is not an address or range', () => {
    expect(() => allowedClientsCheck(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
    expect(() => allowedClientsCheck(['mail.example.com'])).toThrow();
    expect(() => allowedClientsCheck(['10.0.0.0/8/1'])).toThrow();
  });
});
