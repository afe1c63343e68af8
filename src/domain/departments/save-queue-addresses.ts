import { isUniqueViolation } from '../../db/unique-violation.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError } from '../shared/errors.ts';
import { replaceDepartmentAddresses } from './departments.repo.ts';

/**
 * Replaces a department's queue addresses. checkQueueAddresses ran first, but another
 * request (of this tenant or another) may claim the same address between the check and
 * this write: the unique index on the address decides, and the loser gets a 409.
 */
export async function saveQueueAddresses(tx: Ctx, departmentId: number, addresses: string[]): Promise<void> {
  try {
    await replaceDepartmentAddresses(tx.db, tx.tenantId, departmentId, addresses);
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('One of the addresses was just claimed as a queue address by another department; reload and try again.');
    throw err;
  }
}
