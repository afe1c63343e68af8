/**
 * Turns what an admin sent for one scope (the tenant, or a department) into the row to
 * store: an SMTP server with an optional login (the password sealed, kept from the stored
 * row when the server and login are unchanged), or an OAuth-connected mailbox to send
 * through, by its provider's SMTP (XOAUTH2) or its API (Graph sendMail, Gmail send).
 */
import { findMailbox } from '../../mail/inbound/mailboxes.repo.ts';
import { isLoopback } from '../../mail/inbound/sources/mailbox-credentials.ts';
import type { Ctx } from '../shared/context.ts';
import { ValidationError, type FieldError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import type { NewOutgoingTransport, OutgoingTransportRow } from './outgoing-transports.repo.ts';

export const OUTGOING_SECURITIES = ['tls', 'starttls', 'none'] as const;
export type OutgoingSecurity = (typeof OUTGOING_SECURITIES)[number];

export type OutgoingMailInput =
  | { kind: 'smtp'; host: string; port?: number; security?: OutgoingSecurity; username?: string | null; password?: string }
  | { kind: 'mailbox'; mailboxId: string; via?: 'smtp' | 'api'; host?: string; port?: number; security?: OutgoingSecurity };

/** The submission port with STARTTLS unless told otherwise; 465 is implicit TLS. */
export const defaultSmtpPort = (security: OutgoingSecurity): number => (security === 'tls' ? 465 : 587);

/** Each provider's SMTP submission endpoint for XOAUTH2. */
export const PROVIDER_SMTP: Record<string, { host: string; port: number; security: OutgoingSecurity }> = {
  microsoft: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
  google: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
};

/** The row for `departmentId` (0: the tenant); a 422 names every field that is wrong. */
export async function resolveOutgoingSettings(
  ctx: Ctx, secrets: SecretBox, departmentId: number, before: OutgoingTransportRow | undefined, input: OutgoingMailInput,
): Promise<NewOutgoingTransport> {
  const errors: FieldError[] = [];
  const base = { tenant_id: ctx.tenantId, department_id: departmentId };
  const checkSecurity = (host: string, security: OutgoingSecurity) => {
    if (security === 'none' && !isLoopback(host)) errors.push({ field: 'security', message: 'none is allowed only for a loopback host (localhost, 127.0.0.1, ::1)' });
  };
  if (input.kind === 'smtp') {
    const host = input.host.trim().toLowerCase();
    const security = input.security ?? 'starttls';
    const username = input.username?.trim() || null;
    checkSecurity(host, security);
    // A stored password goes only to the server and login it was given for.
    const kept = before?.kind === 'smtp' && before.host === host && before.username === username ? before.password_enc : null;
    const passwordEnc = input.password !== undefined ? secrets.seal(input.password) : kept;
    if (username && !passwordEnc) errors.push({ field: 'password', message: 'is required with a username (it is never returned: send it again when the host or username changes)' });
    if (!username && input.password !== undefined) errors.push({ field: 'username', message: 'is required with a password' });
    if (errors.length) throw new ValidationError(errors);
    return {
      ...base, kind: 'smtp', host, port: input.port ?? defaultSmtpPort(security), security, username,
      password_enc: username ? passwordEnc : null, mailbox_id: null, via: null,
    };
  }
  const mailbox = await findMailbox(ctx.db, ctx.tenantId, input.mailboxId);
  if (!mailbox) throw ValidationError.field('mailbox', 'no such mailbox');
  const provider = mailbox.auth !== 'password' ? mailbox.oauth_provider : null;
  if (provider !== 'microsoft' && provider !== 'google') throw ValidationError.field('mailbox', 'must be a mailbox connected by OAuth2 to Microsoft 365 or Google');
  const apiKind = mailbox.kind === 'graph' || mailbox.kind === 'gmail';
  const via = input.via ?? (apiKind ? 'api' : 'smtp');
  // A Microsoft token is issued for one resource: a Graph mailbox's does not open SMTP, an IMAP mailbox's does not open Graph.
  if (provider === 'microsoft' && (via === 'api') !== apiKind) {
    errors.push({ field: 'via', message: apiKind ? 'a graph mailbox sends through Microsoft Graph: use "api"' : `a ${mailbox.kind} mailbox's token opens Outlook SMTP, not Graph: use "smtp"` });
  }
  if (provider === 'google' && mailbox.kind === 'gmail' && via === 'smtp') errors.push({ field: 'via', message: 'a gmail mailbox (scope gmail.modify) sends through the Gmail API: use "api"' });
  const endpoint = PROVIDER_SMTP[provider]!;
  const security = input.security ?? endpoint.security;
  const host = input.host?.trim().toLowerCase() || endpoint.host;
  if (via === 'smtp') checkSecurity(host, security);
  else if (input.host || input.port || input.security) errors.push({ field: 'host', message: 'host, port and security are only used when sending by SMTP' });
  if (errors.length) throw new ValidationError(errors);
  return {
    ...base, kind: 'mailbox', mailbox_id: mailbox.id, via,
    host: via === 'smtp' ? host : null,
    port: via === 'smtp' ? (input.port ?? (input.security || input.host ? defaultSmtpPort(security) : endpoint.port)) : null,
    security: via === 'smtp' ? security : null, username: null, password_enc: null,
  };
}
