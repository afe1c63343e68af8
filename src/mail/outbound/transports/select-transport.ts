/**
 * Which transport a mail goes out by: its department's settings, else its tenant's, else
 * the install's SMTP_URL, else none (the mail then waits in the outbox). The department is
 * the ticket's at delivery time. Transports from settings are kept open in the install
 * transport's cache, rebuilt when their settings (or the sending mailbox) change.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../db/client.ts';
import { TENANT_SCOPE, listOutgoingTransports, type OutgoingTransportRow } from '../../../domain/outgoing-mail/outgoing-transports.repo.ts';
import { findTicket } from '../../../domain/tickets/tickets.repo.ts';
import type { Runtime } from '../../../runtime.ts';
import { findMailbox, type MailboxRow } from '../../inbound/mailboxes.repo.ts';
import type { MailTransport } from '../transport.ts';
import { apiTransport } from './api-transport.ts';
import { passwordSmtpTransport, xoauth2SmtpTransport } from './smtp-settings-transport.ts';
import { transportScope } from './transport-cache.ts';

export interface SelectDeps { db: Db; mail: MailTransport; runtime(): Runtime }

export type TransportSource = 'department' | 'tenant' | 'install';
export type TransportMethod = 'smtp' | 'smtp_xoauth2' | 'graph' | 'gmail';
export interface TransportChoice {
  transport: MailTransport; source: TransportSource; method: TransportMethod;
  /** The sending mailbox's address: its provider sends as that account. */
  account?: string;
}

/** The settings name a transport that cannot be used now (its mailbox is gone or must be connected again). */
export class TransportUnavailableError extends Error {}

/** The transport for a mail of this ticket (null: no ticket, the tenant's), or null when none is configured. */
export async function selectTransport(deps: SelectDeps, tenantId: string, ticketId: string | null): Promise<TransportChoice | null> {
  const departmentId = ticketId ? ((await findTicket(deps.db, tenantId, ticketId))?.department_id ?? null) : null;
  return selectTransportFor(deps, tenantId, departmentId, { cached: true });
}

/** As selectTransport, for a department (null: the tenant); uncached transports are the caller's to close. */
export async function selectTransportFor(deps: SelectDeps, tenantId: string, departmentId: number | null, o: { cached: boolean }): Promise<TransportChoice | null> {
  const rows = await listOutgoingTransports(deps.db, tenantId, departmentId);
  const row = rows.find((r) => departmentId !== null && r.department_id === departmentId) ?? rows.find((r) => r.department_id === TENANT_SCOPE);
  if (!row) return deps.mail.configured === false ? null : { transport: deps.mail, source: 'install', method: 'smtp' };
  const source: TransportSource = row.department_id === TENANT_SCOPE ? 'tenant' : 'department';
  const rt = deps.runtime();
  if (row.kind === 'smtp') {
    const make = () => passwordSmtpTransport(row, rt.secrets);
    const transport = o.cached && deps.mail.cache ? deps.mail.cache.get(transportScope(tenantId, row.department_id), String(row.version), make) : make();
    return { transport, source, method: 'smtp' };
  }
  const mailbox = row.mailbox_id ? await findMailbox(deps.db, tenantId, row.mailbox_id) : undefined;
  if (!mailbox) throw new TransportUnavailableError(`the mailbox this ${source}'s outgoing mail setting sends through no longer exists: choose another`);
  if (mailbox.state === 'needs_reauth') throw new TransportUnavailableError(`mailbox ${mailbox.name} sends this ${source}'s mail and needs to be connected again by an admin: ${mailbox.last_error ?? 'its authorization was refused'}`);
  const method: TransportMethod = row.via === 'api' ? (mailbox.oauth_provider === 'google' ? 'gmail' : 'graph') : 'smtp_xoauth2';
  const make = () => (row.via === 'api' ? apiTransport(rt, mailbox) : xoauth2SmtpTransport(row, rt, mailbox));
  const transport = o.cached && deps.mail.cache ? deps.mail.cache.get(transportScope(tenantId, row.department_id), versionOf(row, mailbox), make) : make();
  return { transport, source, method, ...(mailbox.username && { account: mailbox.username }) };
}

/** The setting's version and the mailbox fields that shape sending (not its tokens, which change hourly). */
function versionOf(row: OutgoingTransportRow, m: MailboxRow): string {
  const shape = [m.id, m.kind, m.username, m.oauth_provider, m.oauth_config, m.secret_enc].join('\n');
  return `${row.version}:${createHash('sha256').update(shape).digest('hex').slice(0, 16)}`;
}
