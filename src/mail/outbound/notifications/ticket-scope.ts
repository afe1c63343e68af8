/**
 * Everything a notification about one ticket needs, loaded once per job: the ticket, its
 * department and queue address, the tenant and its settings, the requester, the link,
 * the sender, and the mail chain the ticket's mail threads on.
 */
import { findDepartment, listDepartmentAddresses, type DepartmentRow } from '../../../domain/departments/departments.repo.ts';
import { getSettings } from '../../../domain/settings/get-settings.ts';
import type { TenantSettings } from '../../../domain/settings/registry.ts';
import { systemCtx, type Ctx, type Services } from '../../../domain/shared/context.ts';
import { findTenantById, type TenantRow } from '../../../domain/tenants/tenants.repo.ts';
import { findTicket, type TicketRow } from '../../../domain/tickets/tickets.repo.ts';
import { findUserById, findUsersByIds, type UserRow } from '../../../domain/users/users.repo.ts';
import { loadTenantTemplates, type TenantTemplates } from '../mail-templates/tenant-templates.ts';
import { composeMail, type ComposedMail } from './compose-mail.ts';
import { mailChain, type MailChain } from './mail-chain.ts';
import { listThreadMails } from './notifications.repo.ts';
import type { TemplateVars } from './render-template.ts';
import type { TemplateLanguage } from './templates/index.ts';
import type { TemplateKey } from './templates/template-set.ts';
import { senderFor, type Sender } from './sender.ts';

/** What every notification task is given: the services and the install's URL and From. */
export type NotifyDeps = Services & { baseUrl: string; from: string };

export interface TicketScope {
  /** A job's context: no person acts, Parley's jobs do. */
  ctx: Ctx;
  deps: NotifyDeps;
  ticket: TicketRow;
  department: DepartmentRow;
  queueAddress: string | null;
  tenant: TenantRow;
  settings: TenantSettings;
  requester: UserRow | null;
  url: string;
  /** The tenant's own notification templates (mail-templates/), carried by scopeVars to composeMail. */
  templates: TenantTemplates;
}

export async function loadTicketScope(deps: NotifyDeps, tenantId: string, ticketId: string, departmentId?: number): Promise<TicketScope | null> {
  const ctx: Ctx = systemCtx(deps, tenantId, 'jobs');
  const ticket = await findTicket(deps.db, tenantId, ticketId);
  const tenant = await findTenantById(deps.db, tenantId);
  if (!ticket || !tenant) return null;
  const department = await findDepartment(deps.db, tenantId, departmentId ?? ticket.department_id);
  if (!department) return null;
  const [first] = await listDepartmentAddresses(deps.db, tenantId, [department.id]);
  return {
    ctx, deps, ticket, department, tenant,
    queueAddress: first?.address ?? null,
    settings: await getSettings(deps.db, tenantId),
    requester: (await findUserById(deps.db, tenantId, ticket.requester_id)) ?? null,
    url: `${deps.baseUrl}/tickets/${ticket.id}/`,
    templates: await loadTenantTemplates(deps.db, tenantId),
  };
}

/** The From and Reply-To of the scope's mail; an agent's name only for that agent's reply. */
export function scopeSender(s: TicketScope, agentName: string | null = null): Sender {
  return senderFor({ department: s.department, queueAddress: s.queueAddress, settings: s.settings, installFrom: s.deps.from, agentName });
}

/** In-Reply-To and References over the ticket's mail so far (without the message being sent). */
export async function scopeChain(s: TicketScope, skipMessageId: string | null = null): Promise<MailChain> {
  const mails = await listThreadMails(s.ctx.db, s.ctx.tenantId, s.ticket.id);
  const authors = await findUsersByIds(s.ctx.db, s.ctx.tenantId, [...new Set(mails.map((m) => m.author_id).filter((a): a is string => !!a))]);
  return mailChain(mails, new Set(authors.filter((u) => u.role === 'customer').map((u) => u.id)), skipMessageId);
}

/** The template variables every mail about the ticket shares. */
export function scopeVars(s: TicketScope): TemplateVars {
  return {
    ticket: { number: s.ticket.number, subject: s.ticket.subject, url: s.url, status: s.ticket.status },
    department: { name: s.department.name },
    requester: { name: s.requester?.name ?? '', email: s.requester?.email ?? '' },
    tenant: { name: s.tenant.name },
  };
}

/** A mail about the ticket in one language: the tenant's own template when it has one, with the scope's variables and `vars`. */
export function scopeMail(s: TicketScope, key: TemplateKey, language: TemplateLanguage, vars: TemplateVars): ComposedMail {
  return composeMail(key, language, { ...scopeVars(s), ...vars }, s.templates);
}
