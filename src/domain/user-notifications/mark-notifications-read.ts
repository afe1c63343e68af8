import { getSettings } from '../settings/get-settings.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { authorizeNotification } from './user-notification.policy.ts';
import { findUserNotification, markNotificationsRead, type NotificationRow } from './user-notifications.repo.ts';

/** Marks one of the signed-in person's notifications read; another's, or one about a ticket they no longer see, is not found. */
export async function markNotificationRead(ctx: Ctx, id: string): Promise<NotificationRow> {
  const actor = authorizeNotification(ctx.actor, 'read');
  const settings = await getSettings(ctx.db, ctx.tenantId);
  const row = await findUserNotification(ctx.db, ctx.tenantId, actor, { customersSeeOrganisation: settings.customers_see_organisation_tickets }, id);
  if (!row) throw new NotFoundError('notification');
  authorizeNotification(ctx.actor, 'read', row);
  if (row.read_at) return row;
  const at = nowIso();
  await markNotificationsRead(ctx.db, ctx.tenantId, actor.id, at, [row.id]);
  return { ...row, read_at: at };
}

/** Marks every unread notification of the signed-in person read; answers how many changed. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<number> {
  const actor = authorizeNotification(ctx.actor, 'read');
  return markNotificationsRead(ctx.db, ctx.tenantId, actor.id, nowIso());
}
