import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { AttachmentsTable } from '../../db/schema.ts';

export type AttachmentRow = Selectable<AttachmentsTable>;

export async function insertAttachments(db: Db, rows: Insertable<AttachmentsTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('attachments').values(rows).execute();
}

export async function findAttachment(db: Db, tenantId: string, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function listAttachmentsOfMessages(db: Db, tenantId: string, messageIds: string[]): Promise<Map<string, AttachmentRow[]>> {
  const out = new Map<string, AttachmentRow[]>(messageIds.map((id) => [id, []]));
  if (messageIds.length === 0) return out;
  const rows = await db.selectFrom('attachments').selectAll()
    .where('tenant_id', '=', tenantId).where('message_id', 'in', messageIds).orderBy('created_at').orderBy('id').execute();
  for (const r of rows) out.get(r.message_id)?.push(r);
  return out;
}

/** Which of these content hashes any attachment row of the tenant still points at (for the orphan sweep). */
export async function findReferencedHashes(db: Db, tenantId: string, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await db.selectFrom('attachments').select('sha256').distinct()
    .where('tenant_id', '=', tenantId).where('sha256', 'in', hashes).execute();
  return new Set(rows.map((r) => r.sha256));
}
