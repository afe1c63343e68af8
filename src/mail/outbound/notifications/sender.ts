/**
 * Who a ticket's mail comes from (seed 002, outgoing_mails_per_department): the
 * department's queue address, under the department's name (`receiving_email`) or under
 * the replying agent's name (`logged_in_user`); Reply-To is the queue address, so answers
 * come back to the queue. A department without an address sends as PARLEY_MAIL_FROM.
 */
import type { DepartmentRow } from '../../../domain/departments/departments.repo.ts';
import type { TenantSettings } from '../../../domain/settings/registry.ts';

export interface Sender { from: string; replyTo: string | null }

export function senderFor(o: {
  department: DepartmentRow; queueAddress: string | null; settings: TenantSettings; installFrom: string;
  /** The agent whose reply this is; null for automatic mail. */
  agentName?: string | null;
}): Sender {
  if (!o.queueAddress) return { from: o.installFrom, replyTo: null };
  const mode = o.settings.outgoing_mails_per_department.departments[o.department.slug] ?? o.settings.outgoing_mails_per_department.default;
  const name = mode === 'logged_in_user' && o.agentName ? o.agentName : o.department.name;
  return { from: formatAddress(name, o.queueAddress), replyTo: o.queueAddress };
}

/** `"Name" <address>`, the name quoted (RFC 5322) and stripped of line breaks, so no header can be injected. */
export function formatAddress(name: string, address: string): string {
  const clean = name.replace(/[\r\n\t\0]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  if (!clean) return address;
  return `"${clean.replace(/["\\]/g, '\\$&')}" <${address}>`;
}
