import type { Updateable } from 'kysely';
import type { TicketsTable } from '../../db/schema.ts';
import { indexDocument } from '../search/search.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import type { TenantSettings } from '../settings/registry.ts';
import { ensureTags } from '../tags/ensure-tags.ts';
import { listTicketTagNames, replaceTicketTags } from '../tags/tags.repo.ts';
import { nowIso } from '../shared/clock.ts';
import { isPerson, type Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { DomainError, ValidationError } from '../shared/errors.ts';
import { findDepartment } from '../departments/departments.repo.ts';
import { automaticAssignmentLine, chooseAssignee, type AutomaticAssignee } from '../assignment/choose-assignee.ts';
import { findUserById } from '../users/users.repo.ts';
import { refreshTicketSla } from '../sla/apply-ticket-sla.ts';
import { loadVisibleTicket } from './load-visible-ticket.ts';
import { recordTicketChanges, type Change, type TicketChanges } from './record-ticket-changes.ts';
import { checkStatusTransition, statusTimestamps } from './status-transition.ts';
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
    const checked = await checkTicketUpdate(tx, props);
    let tags: Change<string[]> | undefined;
    if (props.tags !== undefined) {
      const before = (await listTicketTagNames(tx.db, tx.tenantId, [t.id])).get(t.id) ?? [];
      const rows = await ensureTags(tx, props.tags);
      const after = rows.map((x) => x.name).sort();
      if (after.join('\n') !== before.join('\n')) {
        await replaceTicketTags(tx.db, tx.tenantId, t.id, rows.map((x) => x.id));
        tags = { old: before, new: after };
      }
    }
    const changed = await applyTicketUpdate(tx, t, props, checked, { tags });
    return changed ? (await findTicket(tx.db, tx.tenantId, t.id))! : t;
  });
}

/**
 * Why updateTicket would refuse this change (its checks, nothing written), or null when it
 * would not: for callers that must record a refusal instead of failing, like the email
 * commands of an agent's mail (the mail is kept; the thread says what was not done).
 */
export async function refusalOfUpdate(ctx: Ctx, ticketId: string, props: UpdateTicketProps): Promise<string | null> {
  try {
    const t = await loadVisibleTicket(ctx, ticketId);
    authorizeTicket(ctx.actor, 'update', { fields: { ...props } }, t);
    await checkTicketUpdate(ctx, props);
    if (props.status !== undefined) checkStatusTransition(t.status, props.status);
    return null;
  } catch (err) {
    if (err instanceof ValidationError) return err.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    if (err instanceof DomainError) return err.message;
    throw err;
  }
}

/** What is checked once for a change, however many tickets it is applied to (bulk-update-tickets.ts). */
export interface CheckedUpdate {
  settings: TenantSettings;
  now: string;
  /** Names for the thread lines, looked up once per id. */
  names: ChangeNames;
}

/**
 * The checks of a change that do not depend on the ticket (category, resolution, the
 * department exists and is active, the assignee is an active agent): each throws a field error.
 */
export async function checkTicketUpdate(tx: Ctx, props: UpdateTicketProps, names: ChangeNames = changeNames(tx)): Promise<CheckedUpdate> {
  const settings = await getSettings(tx.db, tx.tenantId);
  if (props.category !== undefined) checkCategory(settings, props.category);
  if (props.resolution !== undefined) checkResolution(settings, props.resolution);
  if (props.departmentId !== undefined) await checkDepartment(tx, props.departmentId);
  if (props.assigneeId) await checkAssignee(tx, props.assigneeId);
  return { settings, now: nowIso(), names };
}

/**
 * Applies a checked change to one loaded ticket the actor may update: the per-ticket rules
 * (status transitions and their timestamps, opening a new ticket on assignment), the row,
 * the thread lines and one event per change. Tags are written by the caller, which passes
 * their change (`extra.tags`) to be recorded with the rest. Answers whether anything changed.
 */
export async function applyTicketUpdate(tx: Ctx, t: TicketRow, props: UpdateTicketProps, checked: CheckedUpdate, extra: { tags?: Change<string[]>; writes?: TicketUpdateWrites } = {}): Promise<TicketChanges | null> {
  const writes = extra.writes ?? writeNow(tx);
  const { now } = checked;
  const changes: TicketChanges = {};
  const row: Updateable<TicketsTable> = {};
  const set = <K extends keyof TicketRow & keyof TicketChanges>(field: K, value: TicketRow[K]) => {
    if (value === t[field]) return;
    (changes as Record<K, { old: TicketRow[K]; new: TicketRow[K] }>)[field] = { old: t[field], new: value };
    (row as Record<string, unknown>)[field] = value;
  };

  if (props.subject !== undefined) set('subject', props.subject.trim().replace(/\s+/g, ' ').slice(0, 500));
  if (props.priority !== undefined) set('priority', props.priority);
  if (props.category !== undefined) set('category', props.category);
  if (props.resolution !== undefined) set('resolution', props.resolution);
  if (props.departmentId !== undefined) set('department_id', props.departmentId);
  if (props.assigneeId !== undefined) set('assignee_id', props.assigneeId);
  const status = props.status ?? (changes.assignee_id && t.status === 'new' && props.assigneeId ? 'open' : undefined);
  if (status !== undefined) {
    checkStatusTransition(t.status, status);
    set('status', status);
    if (changes.status) Object.assign(row, statusTimestamps(t.status, status, now, t));
  }
  // Transferred while unassigned, with no assignee given: the new department's automatic assignment, if any (after the checks that may refuse: it writes).
  const auto = changes.department_id && props.assigneeId === undefined && !t.assignee_id ? await chooseAssignee(tx, changes.department_id.new, { ticketId: t.id }) : null;
  if (auto) set('assignee_id', auto.userId);
  if (extra.tags) changes.tags = extra.tags;
  if (props.recipients !== undefined) {
    const before = (await listRecipients(tx.db, tx.tenantId, [t.id])).get(t.id) ?? [];
    const after = normalizeRecipients(props.recipients).sort();
    if (after.join('\n') !== before.join('\n')) {
      await replaceRecipients(tx.db, tx.tenantId, t.id, after);
      changes.recipients = { old: before, new: after };
    }
  }
  if (Object.keys(changes).length === 0) return null;

  // A change by a person is activity; automatic changes (triggers, SLA, inactivity) are not (docs/automation-inactivity.md).
  Object.assign(row, await refreshTicketSla(tx, t, row as Partial<TicketRow>, now));
  await writes.updateRow(t, { ...row, updated_at: now, ...(isPerson(tx.actor) && { last_activity_at: now }) });
  if (changes.subject) await indexDocument(tx.db, tx.dialect, tx.tenantId, { ticketId: t.id, sourceId: `ticket:${t.id}`, text: `${t.number} ${row.subject}`, internal: false });
  await writes.addLines(t, await describeChanges(tx, changes, checked.names, auto));
  await writes.record(t, changes);
  return changes;
}

/** Where a change's row, thread lines and events go: to the database at once, or collected and written per batch (bulk). */
export interface TicketUpdateWrites {
  updateRow(t: TicketRow, row: Updateable<TicketsTable>): Promise<void>;
  addLines(t: TicketRow, lines: string[]): Promise<void>;
  record(t: TicketRow, changes: TicketChanges): Promise<void>;
}

const writeNow = (tx: Ctx): TicketUpdateWrites => ({
  updateRow: (t, row) => updateTicketRow(tx.db, tx.tenantId, t.id, row),
  addLines: async (t, lines) => { for (const line of lines) await addSystemMessage(tx, t.id, line); },
  record: (t, changes) => recordTicketChanges(tx, t, changes),
});

/** Department and user names for the thread lines, each looked up once. */
export interface ChangeNames {
  department: (id: number) => Promise<string | undefined>;
  user: (id: string) => Promise<string | undefined>;
}

export function changeNames(tx: Ctx): ChangeNames {
  const departments = new Map<number, Promise<string | undefined>>();
  const users = new Map<string, Promise<string | undefined>>();
  const once = <K, V>(cache: Map<K, V>, key: K, load: () => V) => cache.get(key) ?? (cache.set(key, load()), cache.get(key)!);
  return {
    department: (id) => once(departments, id, async () => (await findDepartment(tx.db, tx.tenantId, id))?.name),
    user: (id) => once(users, id, async () => (await findUserById(tx.db, tx.tenantId, id))?.name),
  };
}

/** The thread lines for the changes that people follow in the conversation. */
async function describeChanges(tx: Ctx, changes: TicketChanges, names: ChangeNames, auto: AutomaticAssignee | null): Promise<string[]> {
  const by = isPerson(tx.actor) ? ` by ${tx.actor.name}` : '';
  const lines: string[] = [];
  if (changes.status) lines.push(`Status changed from ${changes.status.old} to ${changes.status.new}${by}.`);
  if (changes.priority) lines.push(`Priority changed from ${changes.priority.old} to ${changes.priority.new}${by}.`);
  if (changes.department_id) {
    const [from, to] = await Promise.all([names.department(changes.department_id.old), names.department(changes.department_id.new)]);
    lines.push(`Transferred from ${from ?? '?'} to ${to ?? '?'}${by}.`);
  }
  if (auto) lines.push(automaticAssignmentLine(auto));
  else if (changes.assignee_id) {
    const to = changes.assignee_id.new ? await names.user(changes.assignee_id.new) : undefined;
    lines.push(to ? `Assigned to ${to}${by}.` : `Unassigned${by}.`);
  }
  return lines;
}
