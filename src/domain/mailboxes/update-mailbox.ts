import { findMailbox, findMailboxByName, updateMailbox as updateMailboxRow, type MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeMailbox } from './mailbox.policy.ts';
import { resolveMailboxSettings, type MailboxInput } from './mailbox-settings.ts';

/** API names of the fields an input changes; secrets are named, never shown, in the audit log. */
const FIELD_NAMES: Record<keyof MailboxInput, string> = {
  name: 'name', kind: 'kind', host: 'host', port: 'port', security: 'security', auth: 'auth', username: 'username',
  password: 'password', oauthProvider: 'oauth_provider', oauthConfig: 'oauth_config', folder: 'folder',
  archiveFolder: 'archive_folder', departmentId: 'department', isActive: 'is_active',
};

/** Changes a mailbox (admins only); see resolveMailboxSettings for what a change resets. */
export async function updateMailbox(ctx: Ctx, secrets: SecretBox, id: string, input: MailboxInput): Promise<MailboxRow> {
  authorizeMailbox(ctx.actor, 'update');
  return inTransaction(ctx, async (tx) => {
    const before = await findMailbox(tx.db, tx.tenantId, id);
    if (!before) throw new NotFoundError('mailbox');
    if (input.name !== undefined) {
      const name = input.name.trim();
      if (!name) throw ValidationError.field('name', 'must not be empty');
      const clash = await findMailboxByName(tx.db, tx.tenantId, name);
      if (clash && clash.id !== id) throw new ConflictError(`A mailbox named "${name}" exists already.`);
    }
    const settings = await resolveMailboxSettings(tx, secrets, before, input);
    await updateMailboxRow(tx.db, tx.tenantId, id, { ...settings, updated_at: nowIso() });
    const changes = (Object.keys(input) as Array<keyof MailboxInput>).filter((k) => input[k] !== undefined).map((k) => FIELD_NAMES[k]);
    await recordEvent(tx, { name: 'mailbox.updated', subjectType: 'mailbox', subjectId: id, payload: { name: settings.name ?? before.name, changes } });
    return (await findMailbox(tx.db, tx.tenantId, id))!;
  });
}
