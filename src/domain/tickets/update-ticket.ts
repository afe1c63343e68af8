import { indexDocument } from '../search/search.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import { ensureTags } from '../tags/ensure-tags.ts';
import { listTicketTagNames, replaceTicketTags } from '../tags/tags.repo.ts';
import { nowIso } from '../shared/clock.ts';
import { isPerson, type Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { findDepartment } from '../departments/departments.repo.ts';
import { findUserById } from '../users/users.repo.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import { recordTicketChanges, type TicketChanges } from './record-ticket-changes.ts';
import { statusTimestamps } from './status-transition.ts';
import { addSystemMessage } from './system-message.ts';
import { checkAssignee, checkCategory, checkDepartment, checkResolution, normalizeRecipients } from './ticket-field-checks.ts';
import { authorizeTicket } from './ticket.policy.ts';
import type { Priority, Status } from './ticket-values.ts';
import { findTicket, listRecipients, replaceRecipients, updateTicketRow, type TicketRow } from './tickets.repo.ts';

export interface UpdateTicketProps {
  subject?: string;
  status?: Status;
  priority?: Priority;
  departmentId?: number;
  assigneeId?: string | null;
  category?: string | null;
  resolution?: string | null;
  tags?: string[];
  recipients?: string[];
}

/**
 * Changes a ticket's fields. Each change records its own event (`ticket.assigned`,
 * `ticket.status_changed`, … with old and new value: see record-ticket-changes.ts);
 * status, priority, assignment and transfers also appear in the thread.
 */
export async function updateTicket(ctx: Ctx, ticketId: string, props: UpdateTicketProps): Promise<TicketRow> {
  return inTransaction(ctx, async (tx) => {
    const t = await loadVisibleTicket(tx, ticketId);
    authorizeTicket(tx.actor, 'update', { fields: { ...props } }, t);
    const settings = await getSettings(tx.db, tx.tenantId);
    const now = nowIso();
    const changes: TicketChanges = {};
    const row: Parameters<typeof updateTicketRow>[3] = {};
    const set = <K extends keyof TicketRow & keyof TicketChanges>(field: K, value: TicketRow[K]) => {
      if (value === t[field]) return;
      (changes as Record<K, { old: TicketRow[K]; new: TicketRow[K] }>)[field] = { old: t[field], new: value };
      (row as Record<string, unknown>)[field] = value;
    };

    if (props.subject !== undefined) set('subject', props.subject.trim().replace(/\s+/g, ' ').slice(0, 500));
    if (props.priority !== undefined) set('priority', props.priority);
    if (props.category !== undefined) { checkCategory(settings, props.category); set('category', props.category); }
    if (props.resolution !== undefined) { checkResolution(settings, props.resolution); set('resolution', props.resolution); }
    if (props.departmentId !== undefined) set('department_id', (await checkDepartment(tx, props.departmentId)).id);
    if (props.assigneeId !== undefined) {
      if (props.assigneeId) await checkAssignee(tx, props.assigneeId);
      set('assignee_id', props.assigneeId);
    }
    const status = props.status ?? (changes.assignee_id && t.status === 'new' && props.assigneeId ? 'open' : undefined);
    if (status !== undefined) {
      set('status', status);
      if (changes.status) Object.assign(row, statusTimestamps(t.status, status, now, t));
    }

    if (props.tags !== undefined) {
      const before = (await listTicketTagNames(tx.db, tx.tenantId, [t.id])).get(t.id) ?? [];
      const tags = await ensureTags(tx, props.tags);
      const after = tags.map((x) => x.name).sort();
      if (after.join('\n') !== before.join('\n')) {
        await replaceTicketTags(tx.db, tx.tenantId, t.id, tags.map((x) => x.id));
        changes.tags = { old: before, new: after };
      }
    }
    if (props.recipients !== undefined) {
      const before = (await listRecipients(tx.db, tx.tenantId, [t.id])).get(t.id) ?? [];
      const after = normalizeRecipients(props.recipients).sort();
      if (after.join('\n') !== before.join('\n')) {
        await replaceRecipients(tx.db, tx.tenantId, t.id, after);
        changes.recipients = { old: before, new: after };
      }
    }
    if (Object.keys(changes).length === 0) return t;

    await updateTicketRow(tx.db, tx.tenantId, t.id, { ...row, updated_at: now });
    if (changes.subject) await indexDocument(tx.db, tx.dialect, tx.tenantId, { ticketId: t.id, sourceId: `ticket:${t.id}`, text: `${t.number} ${row.subject}`, internal: false });
    for (const line of await describeChanges(tx, changes)) await addSystemMessage(tx, t.id, line);
    await recordTicketChanges(tx, t, changes);
    return (await findTicket(tx.db, tx.tenantId, t.id))!;
  });
}

/** The thread lines for the changes that people follow in the conversation. */
async function describeChanges(tx: Ctx, changes: TicketChanges): Promise<string[]> {
  const by = isPerson(tx.actor) ? ` by ${tx.actor.name}` : '';
  const lines: string[] = [];
  if (changes.status) lines.push(`Status changed from ${changes.status.old} to ${changes.status.new}${by}.`);
  if (changes.priority) lines.push(`Priority changed from ${changes.priority.old} to ${changes.priority.new}${by}.`);
  if (changes.department_id) {
    const [from, to] = await Promise.all([changes.department_id.old, changes.department_id.new].map((id) => findDepartment(tx.db, tx.tenantId, id)));
    lines.push(`Transferred from ${from?.name ?? '?'} to ${to?.name ?? '?'}${by}.`);
  }
  if (changes.assignee_id) {
    const to = changes.assignee_id.new ? await findUserById(tx.db, tx.tenantId, changes.assignee_id.new) : undefined;
    lines.push(to ? `Assigned to ${to.name}${by}.` : `Unassigned${by}.`);
  }
  return lines;
}
