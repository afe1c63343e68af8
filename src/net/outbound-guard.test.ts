import { createServer, get, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, guardedLookup, outboundPolicy, refusedAddress } from './outbound-guard.ts';

const none = outboundPolicy(undefined);
const resolvingTo = (...addresses: string[]) => async () => addresses;

describe('the outbound guard', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '::1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    'fd00:ec2::254', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '64:ff9b::127.0.0.1', '2002:7f00:1::1', '224.0.0.251', '255.255.255.255',
  ])('refuses %s', (address) => {
    expect(refusedAddress(address, none)).toMatch(/internal address/);
  });

  it.each(['93.184.215.14', '2606:4700::6810:85e5', '64:ff9b::5db8:d70e', '172.32.0.1', '100.128.0.1'])('lets %s through', (address) => {
    expect(refusedAddress(address, none)).toBeNull();
  });

  it('judges every address a name resolves to, and says why', async () => {
    await expect(checkOutboundUrl('https://hooks.example.com/x', none, resolvingTo('93.184.215.14'))).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundUrl('https://rebind.example.com/x', none, resolvingTo('93.184.215.14', '10.0.0.5'))).rejects.toThrow(/rebind.example.com resolves to 10.0.0.5/);
    await expect(checkOutboundUrl('http://[::1]:8080/', none)).rejects.toThrow(/::1 is a loopback/);
    await expect(checkOutboundUrl('http://2130706433/', none)).rejects.toThrow(/127.0.0.1/); // the URL parser reads it as 127.0.0.1
    await expect(checkOutboundUrl('ftp://example.com/', none)).rejects.toThrow(/http or https/);
    await expect(checkOutboundUrl('https://user:pw@example.com/', none)).rejects.toThrow(/user name or password/);
    await expect(checkOutboundUrl('not a url', none)).rejects.toThrow(/absolute/);
    await expect(checkOutboundUrl('https://nowhere.invalid/', none, async () => { throw new Error('ENOTFOUND'); })).rejects.toThrow(/does not resolve/);
  });

  it('lets the operator allow hosts and ranges, and refuses a list it cannot read', async () => {
    const allow = outboundPolicy('receiver.internal, 127.0.0.0/8, ::1');
    await expect(checkOutboundUrl('http://receiver.internal/hook', allow, resolvingTo('10.9.9.9'))).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundUrl('http://127.0.0.1:9/hook', allow)).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundUrl('http://10.0.0.1/hook', allow)).rejects.toThrow(/10.0.0.1/);
    expect(() => outboundPolicy('good.example, bad host!')).toThrow(/"bad host!" is not a host name/);
  });

  it('refuses at connection time through the lookup, for real, and connects once allowed', async () => {
    const server = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fetchThrough = (policy: ReturnType<typeof outboundPolicy>) => new Promise<string>((resolve, reject) => {
      get({ host: 'localhost', port, path: '/', family: 4, agent: new Agent({ lookup: guardedLookup(policy) }) }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c; }).on('end', () => resolve(body));
      }).on('error', reject);
    });
    try {
      await expect(fetchThrough(none)).rejects.toMatchObject({ code: 'EOUTBOUNDREFUSED' });
      await expect(fetchThrough(outboundPolicy('127.0.0.1'))).resolves.toBe('reached');
      await expect(fetchThrough(outboundPolicy('localhost'))).resolves.toBe('reached');
    } finally {
      server.close();
    }
  });
});
