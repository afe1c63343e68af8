/**
 * Sends through an OAuth-connected mailbox's mail API, as that mailbox: Microsoft Graph
 * `sendMail` with the MIME in base64 (text/plain), or Gmail `users.messages.send` with
 * the MIME in base64url `raw`. The bearer token is the mailbox's (see access-token.ts):
 * a token the API refuses is refreshed once; a refused refresh token marks the mailbox
 * as needing re-authorization. Every other refusal is thrown with the API's own words.
 */
import type { Runtime } from '../../../runtime.ts';
import type { MailboxRow } from '../../inbound/mailboxes.repo.ts';
import { getMailboxAccessToken } from '../../inbound/oauth/access-token.ts';
import { errorDetail, MailApiError } from '../../inbound/oauth/mail-api.ts';
import { providerConfig } from '../../inbound/oauth/provider-config.ts';
import type { MailTransport } from '../transport.ts';
import { buildMime } from './build-mime.ts';

const TIMEOUT_MS = 60_000;

/** Graph for a Microsoft mailbox, the Gmail API for a Google one. */
export function apiTransport(rt: Runtime, mailbox: MailboxRow): MailTransport {
  const config = providerConfig(mailbox);
  const request = config.provider === 'microsoft'
    ? (mime: Buffer) => ({
      url: `${config.graphUrl}/v1.0/${mailbox.username ? `users/${encodeURIComponent(mailbox.username)}` : 'me'}/sendMail`,
      contentType: 'text/plain', body: mime.toString('base64'),
    })
    : (mime: Buffer) => ({
      url: `${config.gmailUrl}/gmail/v1/users/me/messages/send`,
      contentType: 'application/json', body: JSON.stringify({ raw: mime.toString('base64url') }),
    });
  return {
    configured: true,
    async send(mail) {
      const r = request(await buildMime(mail));
      await post(rt, mailbox, r.url, r.contentType, r.body);
    },
  };
}

async function post(rt: Runtime, mailbox: MailboxRow, url: string, contentType: string, body: string): Promise<void> {
  let token = await getMailboxAccessToken(rt, mailbox);
  for (let refreshed = false; ; refreshed = true) {
    const res = await fetch(url, {
      method: 'POST', body, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType, accept: 'application/json' },
    });
    if (res.ok) { await res.body?.cancel(); return; }
    if (res.status === 401 && !refreshed) {
      await res.body?.cancel();
      token = await getMailboxAccessToken(rt, mailbox, { rejected: token });
      continue;
    }
    throw new MailApiError(`POST ${new URL(url).pathname} answered ${res.status}: ${await errorDetail(res)}`, res.status);
  }
}
