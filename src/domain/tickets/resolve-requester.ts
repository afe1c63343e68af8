import { createUser } from '../users/create-user.ts';
import { findUserByEmail, findUserById, type UserRow } from '../users/users.repo.ts';
import { isPerson, type Ctx } from '../shared/context.ts';
import { ValidationError } from '../shared/errors.ts';

export interface RequesterRef { id?: string; email?: string; name?: string }

/**
 * The person a ticket is for: a customer is always their own requester; staff may name
 * one by id, or by address (an unknown address becomes a new customer).
 */
export async function resolveRequester(tx: Ctx, ref: RequesterRef | undefined): Promise<UserRow> {
  const actor = tx.actor;
  if (isPerson(actor) && (actor.role === 'customer' || !ref)) {
    return (await findUserById(tx.db, tx.tenantId, actor.id))!;
  }
  if (!ref) throw ValidationError.field('requester', 'is required');
  if (ref.id) {
    const user = await findUserById(tx.db, tx.tenantId, ref.id);
    if (!user) throw ValidationError.field('requester', 'unknown user');
    return user;
  }
  if (!ref.email) throw ValidationError.field('requester', 'needs an id or an email');
  const existing = await findUserByEmail(tx.db, tx.tenantId, ref.email);
  if (existing) return existing;
  return createUser(tx, { email: ref.email, name: ref.name, role: 'customer' });
}
