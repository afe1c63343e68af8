import type { Db } from '../../../db/client.ts';
import { findUserById } from '../../../domain/users/users.repo.ts';
import { findEventActorId } from './notifications.repo.ts';

/** Who caused an event, by id and name; the system (an automatic assignment, a mail) signs with the tenant's name. */
export async function eventActor(db: Db, tenantId: string, eventId: number, systemName: string): Promise<{ id: string | null; name: string }> {
  const id = await findEventActorId(db, tenantId, eventId);
  const user = id ? await findUserById(db, tenantId, id) : undefined;
  return { id, name: user?.name ?? systemName };
}
