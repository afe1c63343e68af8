import { getSettings } from '../settings/get-settings.ts';
import type { Ctx } from '../shared/context.ts';
import { authorizeNotification } from './user-notification.policy.ts';
import { countUnreadNotifications, listUserNotifications, type ListedNotification, type NotificationFilter } from './user-notifications.repo.ts';

export interface NotificationPage { rows: ListedNotification[]; unread: number }

/** The signed-in person's notifications (one more than `limit`, for the cursor) and their unread count. */
export async function listNotifications(ctx: Ctx, f: NotificationFilter): Promise<NotificationPage> {
  const actor = authorizeNotification(ctx.actor, 'list');
  const settings = await getSettings(ctx.db, ctx.tenantId);
  const opts = { customersSeeOrganisation: settings.customers_see_organisation_tickets };
  const [rows, unread] = await Promise.all([
    listUserNotifications(ctx.db, ctx.tenantId, actor, opts, f),
    countUnreadNotifications(ctx.db, ctx.tenantId, actor, opts),
  ]);
  return { rows, unread };
}
