import { findDepartment } from '../departments/departments.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { afterCommit, inTransaction } from '../shared/transaction.ts';
import { authorizeOutgoingMail } from './outgoing-mail.policy.ts';
import { resolveOutgoingSettings, type OutgoingMailInput } from './outgoing-mail-settings.ts';
import {
  TENANT_SCOPE, closeNoTransportNotice, deleteOutgoingTransport, findOutgoingTransport, saveOutgoingTransport,
  wakeWaitingDeliveries, type OutgoingTransportRow,
} from './outgoing-transports.repo.ts';

/** The department whose settings a call names (null: the tenant's), checked to exist: 404 otherwise. */
export async function outgoingScope(ctx: Ctx, departmentId: number | null): Promise<number> {
  if (departmentId === null) return TENANT_SCOPE;
  if (!(await findDepartment(ctx.db, ctx.tenantId, departmentId))) throw new NotFoundError('department');
  return departmentId;
}

/**
 * Sets how the tenant (departmentId null) or one department sends mail (admins only). Mail
 * that waited for a transport, or for a retry, is tried again at once after commit.
 */
export async function saveOutgoingMail(ctx: Ctx, secrets: SecretBox, departmentId: number | null, input: OutgoingMailInput): Promise<OutgoingTransportRow> {
  authorizeOutgoingMail(ctx.actor, 'update');
  return inTransaction(ctx, async (tx) => {
    const scope = await outgoingScope(tx, departmentId);
    const before = await findOutgoingTransport(tx.db, tx.tenantId, scope);
    const row = await resolveOutgoingSettings(tx, secrets, scope, before, input);
    const now = nowIso();
    await saveOutgoingTransport(tx.db, row, now);
    await closeNoTransportNotice(tx.db, tx.tenantId);
    await wakeWaitingDeliveries(tx.db, tx.tenantId, now);
    const fields = Object.entries(input).filter(([, v]) => v !== undefined).map(([k]) => (k === 'mailboxId' ? 'mailbox' : k));
    await recordEvent(tx, { name: 'outgoing_mail.updated', subjectType: 'outgoing_mail', subjectId: subjectOf(departmentId), payload: { department_id: departmentId, kind: input.kind, fields } });
    afterCommit(tx, tx.onJobsEnqueued);
    return (await findOutgoingTransport(tx.db, tx.tenantId, scope))!;
  });
}

/** Removes the tenant's or a department's settings: its mail falls back to the next level. 404 if there were none. */
export async function removeOutgoingMail(ctx: Ctx, departmentId: number | null): Promise<void> {
  authorizeOutgoingMail(ctx.actor, 'update');
  await inTransaction(ctx, async (tx) => {
    const scope = await outgoingScope(tx, departmentId);
    if (!(await deleteOutgoingTransport(tx.db, tx.tenantId, scope))) throw new NotFoundError('outgoing mail setting');
    await wakeWaitingDeliveries(tx.db, tx.tenantId, nowIso());
    await recordEvent(tx, { name: 'outgoing_mail.removed', subjectType: 'outgoing_mail', subjectId: subjectOf(departmentId), payload: { department_id: departmentId } });
    afterCommit(tx, tx.onJobsEnqueued);
  });
}

const subjectOf = (departmentId: number | null) => (departmentId === null ? 'tenant' : `department:${departmentId}`);
