/**
 * The same change applied to many tickets (the list's bulk actions). Each ticket goes
 * through the rules of a single change (update-ticket.ts: the write policy, status
 * transitions, thread lines, one event per change, so notifications and live updates
 * follow); what does not depend on the ticket is checked once, and the tickets, their
 * tags and the names the thread lines use are loaded per batch, not per ticket.
 */
import { listDepartments } from '../departments/departments.repo.ts';
import { getSettings } from '../settings/get-settings.ts';
import { ensureTags, normalizeTagNames } from '../tags/ensure-tags.ts';
import type { TagRow } from '../tags/tags.repo.ts';
import { requirePerson, type Ctx } from '../shared/context.ts';
import { DomainError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { findUserById } from '../users/users.repo.ts';
import { BatchedTicketWrites } from './bulk-update-tickets-writes.ts';
import { addTicketTags, findVisibleTickets, listTicketTagRows, removeTicketTags } from './bulk-update-tickets.repo.ts';
import { listTickets, type TicketFilters } from './list-tickets.ts';
import type { Change } from './record-ticket-changes.ts';
import { assertTicketing, authorizeTicket, visibleTickets } from './ticket.policy.ts';
import type { Priority, Status } from './ticket-values.ts';
import { applyTicketUpdate, checkTicketUpdate, type ChangeNames, type UpdateTicketProps } from './update-ticket.ts';

/** The most tickets one request changes; a filter matching more is refused (narrow it). */
export const BULK_MAX = 10_000;
/** Tickets per transaction: big enough to amortise the commit, small enough not to hold the writer long. */
const BATCH = 500;

export interface BulkChanges {
  status?: Status;
  priority?: Priority;
  departmentId?: number;
  assigneeId?: string | null;
  addTags?: string[];
  removeTags?: string[];
}

/** Which tickets: these ids, or every ticket a list filter finds (as GET /tickets/ would). */
export type BulkSelection = { ids: string[] } | { filter: TicketFilters };

export interface BulkResult {
  /** Tickets found that the actor may see (an id it may not see counts as not found). */
  matched: number;
  updated: number;
  unchanged: number;
  /** Tickets the rules refused, with the reason; the others were changed. */
  failed: Array<{ id: string; number: string; error: string }>;
}

/** Applies `changes` to the selected tickets; refused tickets are reported, never fatal. */
export async function bulkUpdateTickets(ctx: Ctx, selection: BulkSelection, changes: BulkChanges, opts: { batchSize?: number } = {}): Promise<BulkResult> {
  const batch = opts.batchSize ?? BATCH;
  const actor = requirePerson(ctx.actor);
  assertTicketing(actor);
  const props: UpdateTicketProps = { status: changes.status, priority: changes.priority, departmentId: changes.departmentId, assigneeId: changes.assigneeId };
  const fields = { ...props, addTags: changes.addTags, removeTags: changes.removeTags };
  authorizeTicket(actor, 'bulk_update', { fields });
  const add = normalizeTagNames(changes.addTags ?? []);
  const remove = normalizeTagNames(changes.removeTags ?? []);
  if (Object.values(fields).every((v) => v === undefined || (Array.isArray(v) && v.length === 0))) {
    throw ValidationError.field('changes', 'name at least one change');
  }
  const both = add.find((n) => remove.includes(n));
  if (both) throw ValidationError.field('changes.remove_tags', `"${both}" is both added and removed`);
  const names = await preloadNames(ctx, props.assigneeId);
  const checked = await checkTicketUpdate(ctx, props, names);
  const ids = 'ids' in selection ? [...new Set(selection.ids)] : await selectIds(ctx, selection.filter);

  const result: BulkResult = { matched: 0, updated: 0, unchanged: 0, failed: [] };
  let addRows: TagRow[] | null = null;
  for (let at = 0; at < ids.length; at += batch) {
    await inTransaction(ctx, async (tx) => {
      const settings = at === 0 ? checked.settings : await getSettings(tx.db, tx.tenantId);
      const tickets = await findVisibleTickets(tx.db, tx.tenantId, ids.slice(at, at + batch), visibleTickets(actor, { customersSeeOrganisation: settings.customers_see_organisation_tickets }));
      result.matched += tickets.length;
      if (tickets.length === 0) return;
      addRows ??= await ensureTags(tx, add);
      const removeNames = new Set(remove);
      const tagsBefore = add.length || remove.length ? await listTicketTagRows(tx.db, tx.tenantId, tickets.map((t) => t.id)) : null;
      const writes = new BatchedTicketWrites(tx);
      const added: Array<{ ticketId: string; tagId: number }> = [];
      const removedFrom: string[] = [];
      for (const t of tickets) {
        let tags: Change<string[]> | undefined;
        const before = tagsBefore?.get(t.id);
        if (before) {
          const old = before.map((x) => x.name);
          const after = [...new Set([...old.filter((n) => !removeNames.has(n)), ...addRows.map((x) => x.name)])].sort();
          if (after.join('\n') !== old.join('\n')) tags = { old, new: after };
        }
        try {
          authorizeTicket(tx.actor, 'update', { fields: { ...props, tags: tags?.new } }, t);
          const done = await applyTicketUpdate(tx, t, props, { ...checked, settings }, { tags, writes });
          if (done) result.updated++; else result.unchanged++;
        } catch (err) {
          // The rules refuse before writing anything (update-ticket.ts), so a refusal leaves this ticket as it was.
          if (!(err instanceof DomainError)) throw err;
          result.failed.push({ id: t.id, number: t.number, error: err instanceof ValidationError ? err.errors.map((e) => e.message).join('; ') || err.message : err.message });
          continue;
        }
        if (!tags) continue;
        const have = new Set(before!.map((x) => x.id));
        for (const row of addRows) if (!have.has(row.id)) added.push({ ticketId: t.id, tagId: row.id });
        if (before!.some((x) => removeNames.has(x.name))) removedFrom.push(t.id);
      }
      await writes.flush();
      await addTicketTags(tx.db, tx.tenantId, added);
      const removeIds = [...new Set([...tagsBefore?.values() ?? []].flat().filter((x) => removeNames.has(x.name)).map((x) => x.id))];
      await removeTicketTags(tx.db, tx.tenantId, removedFrom, removeIds);
    });
  }
  return result;
}

/** The ids a list filter finds, page by page through the list's own query; more than BULK_MAX is refused. */
async function selectIds(ctx: Ctx, filter: TicketFilters): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTickets(ctx, { ...filter, sort: '-created_at', cursor, limit: 1000 });
    ids.push(...page.rows.map((t) => t.id));
    if (ids.length > BULK_MAX) throw ValidationError.field('filter', `matches more than ${BULK_MAX.toLocaleString('en')} tickets; narrow it`);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

/** The names the thread lines use, loaded once: every department, and the new assignee. */
async function preloadNames(ctx: Ctx, assigneeId: string | null | undefined): Promise<ChangeNames> {
  const departments = new Map((await listDepartments(ctx.db, ctx.tenantId)).map((d) => [d.id, d.name]));
  const assignee = assigneeId ? await findUserById(ctx.db, ctx.tenantId, assigneeId) : undefined;
  return {
    department: async (id) => departments.get(id),
    user: async (id) => (id === assignee?.id ? assignee.name : undefined),
  };
}
