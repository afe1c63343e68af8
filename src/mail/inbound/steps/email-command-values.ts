import type { Ctx } from '../../../domain/shared/context.ts';
import type { Status } from '../../../domain/tickets/ticket-values.ts';
import { findUserByEmail, listUsers, type UserRow } from '../../../domain/users/users.repo.ts';

/** Status names an email may use: ours, the seed's Integria names, and Spanish and Portuguese ones. */
const STATUS_NAMES: Record<string, Status> = {
  new: 'new', nuevo: 'new', novo: 'new',
  open: 'open', opened: 'open', assigned: 'open', 'in progress': 'open', abierto: 'open', asignado: 'open', aberto: 'open', 'em andamento': 'open',
  pending: 'pending', waiting: 'pending', 'pending customer': 'pending', pendiente: 'pending', 'pendiente cliente': 'pending', pendente: 'pending', 'aguardando cliente': 'pending',
  on_hold: 'on_hold', 'on hold': 'on_hold', 'en espera': 'on_hold', 'em espera': 'on_hold',
  resolved: 'resolved', resuelto: 'resolved', resolvido: 'resolved',
  closed: 'closed', cerrado: 'closed', fechado: 'closed',
};

export const statusFromName = (name: string): Status | undefined => STATUS_NAMES[name.trim().toLowerCase().replace(/_/g, ' ')] ?? STATUS_NAMES[name.trim().toLowerCase()];

/**
 * The agent an ASSIGNED_TO names: Integria used login names, Parley has addresses, so
 * an address, the part before the @, or an exact name all match — but only when one
 * active agent or admin matches.
 */
export async function findAssignee(ctx: Ctx, ref: string): Promise<UserRow | undefined> {
  const value = ref.trim().toLowerCase();
  if (value.includes('@')) {
    const user = await findUserByEmail(ctx.db, ctx.tenantId, value);
    return user && user.role !== 'customer' && user.is_active ? user : undefined;
  }
  const staff = [
    ...(await listUsers(ctx.db, ctx.tenantId, { role: 'agent', search: value, limit: 50 })),
    ...(await listUsers(ctx.db, ctx.tenantId, { role: 'admin', search: value, limit: 50 })),
  ].filter((u) => u.is_active && (u.email.split('@')[0] === value || u.name.toLowerCase() === value));
  return staff.length === 1 ? staff[0] : undefined;
}
