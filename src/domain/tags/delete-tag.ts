import { recordEvent } from '../events/record-event.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeTag } from './tag.policy.ts';
import { deleteTag, findTag } from './tags.repo.ts';

/** Removes a tag from the tenant and from every ticket that had it (admins only). */
export async function removeTag(ctx: Ctx, id: number): Promise<void> {
  authorizeTag(ctx.actor, 'delete');
  await inTransaction(ctx, async (tx) => {
    const tag = await findTag(tx.db, tx.tenantId, id);
    if (!tag) throw new NotFoundError('tag');
    await deleteTag(tx.db, tx.tenantId, id);
    await recordEvent(tx, { name: 'tag.deleted', subjectType: 'tag', subjectId: String(id), payload: { name: tag.name } });
  });
}
