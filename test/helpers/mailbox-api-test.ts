/**
 * The set-up of route tests that reach a real mail server: the API test set-up (a database,
 * the app, a world) plus a Dovecot with one mailbox, `soporte`, and the settings that
 * point a Parley mailbox at it.
 */
import { startDovecot, type Dovecot } from './dovecot.ts';
import { startApiTest, stopApiTest, type ApiTest } from './api-test.ts';

export interface MailboxApiTest extends ApiTest { dovecot: Dovecot }

export const SOPORTE = { name: 'soporte', password: 'clave-imap' } as const;

export async function startMailboxApiTest(): Promise<MailboxApiTest> {
  const started = await startApiTest();
  try {
    return { ...started, dovecot: await startDovecot({ users: [SOPORTE] }) };
  } catch (e) {
    await stopApiTest(started);
    throw e;
  }
}

export async function stopMailboxApiTest(s: Partial<MailboxApiTest>): Promise<void> {
  await s.dovecot?.stop();
  await stopApiTest(s);
}

/** The API's settings of an IMAP mailbox that reads `soporte` on the Dovecot. */
export const soporteImap = (dovecot: Dovecot) => ({
  kind: 'imap', host: '127.0.0.1', port: dovecot.imapPort, security: 'none', username: SOPORTE.name, password: SOPORTE.password,
});
