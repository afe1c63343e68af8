import { automaticAssignmentLine, chooseAssignee } from '../assignment/choose-assignee.ts';
import { listDepartments } from '../departments/departments.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { indexDocument } from '../search/search.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import { ensureTags } from '../tags/ensure-tags.ts';
import { replaceTicketTags } from '../tags/tags.repo.ts';
import { nextCounter } from '../tenants/tenants.repo.ts';
import { startTicketSla } from '../sla/apply-ticket-sla.ts';
import { newId, nowIso } from '../shared/clock.ts';
import { actorId, isPerson, isSystem, type Ctx } from '../shared/context.ts';
import { UnauthorizedError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { appendMessage, type NewAttachment, type NewMessage } from './append-message.ts';
import { resolveRequester, type RequesterRef } from './resolve-requester.ts';
import { addSystemMessage } from './system-message.ts';
import { checkAssignee, checkCategory, checkDepartment, normalizeRecipients } from './ticket-field-checks.ts';
import { formatTicketNumber } from './ticket-number.ts';
import { assertTicketing, authorizeTicket } from './ticket.policy.ts';
import type { Channel, MessageType, Priority, Status } from './ticket-values.ts';
import { insertTicket, replaceRecipients, type TicketRow } from './tickets.repo.ts';

export interface CreateTicketProps {
  subject: string;
  /** Defaults to the tenant's first active department. */
  departmentId?: number;
  priority?: Priority;
  status?: Status;
  requester?: RequesterRef;
  assigneeId?: string | null;
  category?: string | null;
  tags?: string[];
  recipients?: string[];
  channel: Channel;
  messages: Array<{
    body: string; bodyHtml?: string | null; messageType: MessageType; timeSpent?: number | null;
    attachments?: NewAttachment[]; email?: NewMessage['email']; quotedText?: string | null;
  }>;
}

/**
 * Opens a ticket with its first messages. The number comes from the tenant's sequence
 * in the same transaction, so concurrent creations never share one. Department
 * defaults (owner, status, priority) apply where the caller gave none.
 */
export async function createTicket(ctx: Ctx, props: CreateTicketProps): Promise<TicketRow> {
  const actor = ctx.actor;
  if (isPerson(actor)) assertTicketing(actor);
  else if (!isSystem(actor)) throw new UnauthorizedError();
  const subject = props.subject.trim().replace(/\s+/g, ' ');
  if (!subject) throw ValidationError.field('subject', 'must not be empty');
  if (props.messages.length === 0) throw ValidationError.field('messages', 'at least one message is required');
  authorizeTicket(actor, 'create', {
    messageTypes: props.messages.map((m) => m.messageType),
    fields: { status: props.status, assigneeId: props.assigneeId, tags: props.tags?.length },
  });
  return inTransaction(ctx, async (tx) => {
    const settings = await getSettings(tx.db, tx.tenantId);
    // An agent limited to departments works only in them: another department answers as if it did not exist.
    const limitedTo = isPerson(actor) && actor.role === 'agent' && actor.restrictedToDepartments ? actor.departmentIds : null;
    const departmentId = props.departmentId
      ?? (await listDepartments(tx.db, tx.tenantId)).find((d) => d.is_active && (!limitedTo || limitedTo.includes(d.id)))?.id;
    if (departmentId === undefined) throw ValidationError.field('department', limitedTo ? 'unknown department' : 'this helpdesk has no active department');
    if (limitedTo && !limitedTo.includes(departmentId)) throw ValidationError.field('department', 'unknown department');
    const department = await checkDepartment(tx, departmentId);
    const requester = await resolveRequester(tx, props.requester);
    // No assignee given and no default owner: the department's automatic assignment, if any (locks the department row).
    const auto = props.assigneeId === undefined && !department.default_owner_id ? await chooseAssignee(tx, department.id, { mode: department.assignment_mode }) : null;
    const assigneeId = props.assigneeId !== undefined ? props.assigneeId : department.default_owner_id ?? auto?.userId;
    if (assigneeId) await checkAssignee(tx, assigneeId);
    const category = props.category ?? null;
    checkCategory(settings, category);
    const recipients = normalizeRecipients(props.recipients ?? []);
    const tags = await ensureTags(tx, props.tags ?? []);

    const now = new Date();
    const sequence = await nextCounter(tx.db, tx.tenantId, 'ticket');
    const ticket: TicketRow = {
      id: newId(), tenant_id: tx.tenantId,
      number: formatTicketNumber(settings.ticket_number_format, sequence, now),
      subject: subject.slice(0, 500),
      status: props.status ?? department.default_status,
      priority: props.priority ?? department.default_priority,
      department_id: department.id,
      requester_id: requester.id,
      assignee_id: assigneeId ?? null,
      organisation_id: requester.organisation_id,
      category, resolution: null, channel: props.channel,
      created_at: now.toISOString(), updated_at: now.toISOString(),
      first_response_at: null, resolved_at: null, closed_at: null,
      first_response_due_at: null, resolution_due_at: null, first_response_breached_at: null, resolution_breached_at: null, sla_due_at: null, sla_next_check_at: null, sla_pauses: null,
      last_activity_at: now.toISOString(), inactivity_reminded_at: null,
    };
    Object.assign(ticket, await startTicketSla(tx, ticket));
    await insertTicket(tx.db, ticket);
    if (tags.length) await replaceTicketTags(tx.db, tx.tenantId, ticket.id, tags.map((t) => t.id));
    if (recipients.length) await replaceRecipients(tx.db, tx.tenantId, ticket.id, recipients);
    await indexDocument(tx.db, tx.dialect, tx.tenantId, { ticketId: ticket.id, sourceId: `ticket:${ticket.id}`, text: `${ticket.number} ${ticket.subject}`, internal: false, isNew: true });
    await recordEvent(tx, {
      name: 'ticket.created', subjectType: 'ticket', subjectId: ticket.id,
      payload: { number: ticket.number, subject: ticket.subject, status: ticket.status, priority: ticket.priority, department_id: ticket.department_id, requester_id: ticket.requester_id, assignee_id: ticket.assignee_id, channel: ticket.channel },
    });
    for (const [i, m] of props.messages.entries()) {
      await appendMessage(tx, ticket.id, { ...m, authorId: actorId(actor) ?? requester.id, channel: props.channel, createdAt: nowIso(), opening: i === 0 });
    }
    if (auto) await addSystemMessage(tx, ticket.id, automaticAssignmentLine(auto));
    return ticket;
  });
}
