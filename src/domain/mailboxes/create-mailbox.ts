import { findMailbox, findMailboxByName, insertMailbox, type MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, ValidationError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeMailbox } from './mailbox.policy.ts';
import { resolveMailboxSettings, type MailboxInput } from './mailbox-settings.ts';

/** Adds a mailbox to fetch mail from (admins only); its secrets are stored sealed. */
export async function createMailbox(ctx: Ctx, secrets: SecretBox, input: MailboxInput & { name: string; kind: string }): Promise<MailboxRow> {
  authorizeMailbox(ctx.actor, 'create');
  const name = input.name.trim();
  if (!name) throw ValidationError.field('name', 'must not be empty');
  return inTransaction(ctx, async (tx) => {
    if (await findMailboxByName(tx.db, tx.tenantId, name)) throw new ConflictError(`A mailbox named "${name}" exists already.`);
    const settings = await resolveMailboxSettings(tx, secrets, undefined, { ...input, name });
    const id = newId();
    const now = nowIso();
    await insertMailbox(tx.db, {
      ...settings, id, tenant_id: tx.tenantId, name, kind: input.kind,
      department_id: input.departmentId ?? null, is_active: input.isActive ?? true, created_at: now, updated_at: now,
    });
    await recordEvent(tx, { name: 'mailbox.created', subjectType: 'mailbox', subjectId: id, payload: { name, kind: input.kind } });
    return (await findMailbox(tx.db, tx.tenantId, id))!;
  });
}
