/** Free TCP ports on 127.0.0.1 for servers a test starts (Dovecot, `parley serve`, LMTP, a PostgreSQL cluster). */
import { createServer, type AddressInfo } from 'node:net';

/**
 * `n` distinct free ports. They are held open together before any is released: asked one
 * after the other, the kernel may hand the same port out twice (Dovecot then refuses its
 * configuration with "duplicate listener", a server its second listener with EADDRINUSE).
 */
export async function freePorts(n: number): Promise<number[]> {
  const servers = Array.from({ length: n }, () => createServer());
  await Promise.all(servers.map((srv) => new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))));
  const ports = servers.map((srv) => (srv.address() as AddressInfo).port);
  await Promise.all(servers.map((srv) => new Promise((resolve) => srv.close(resolve))));
  return ports;
}

/** One free port (for two or more at once, use freePorts). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}
