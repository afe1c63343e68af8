/** A person's choice of which notifications also come by mail (docs/notifications.md). */
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { authorizeNotification } from './user-notification.policy.ts';
import { readMailPreferences, type MailPreferences } from './notification-kinds.ts';
import { findMailPreferenceRows, saveMailPreferenceRow } from './user-notifications.repo.ts';

/** The signed-in person's mail preferences, every kind named (defaults filled in). */
export async function getNotificationPreferences(ctx: Ctx): Promise<MailPreferences> {
  const actor = authorizeNotification(ctx.actor, 'preferences');
  const rows = await findMailPreferenceRows(ctx.db, ctx.tenantId, [actor.id]);
  return readMailPreferences(rows.get(actor.id));
}

/** Changes the kinds named in `changes`, keeps the others; answers the whole set. */
export async function setNotificationPreferences(ctx: Ctx, changes: Partial<MailPreferences>): Promise<MailPreferences> {
  const actor = authorizeNotification(ctx.actor, 'preferences');
  const rows = await findMailPreferenceRows(ctx.db, ctx.tenantId, [actor.id]);
  const next = { ...readMailPreferences(rows.get(actor.id)), ...changes };
  await saveMailPreferenceRow(ctx.db, ctx.tenantId, actor.id, JSON.stringify(next), nowIso());
  return next;
}

/** Of these people, who wants `kind` by mail too (one query for all of them). */
export async function wantMail(ctx: Ctx, userIds: string[], kind: keyof MailPreferences): Promise<Set<string>> {
  const rows = await findMailPreferenceRows(ctx.db, ctx.tenantId, userIds);
  return new Set(userIds.filter((id) => readMailPreferences(rows.get(id))[kind]));
}
