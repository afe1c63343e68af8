/**
 * Who may manage webhooks: admins only (a webhook sends the tenant's tickets to a URL of
 * their choosing). Parley itself may turn one off (after a day of failed deliveries).
 */
import type { Acting } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type WebhookAction = 'read' | 'create' | 'update' | 'delete' | 'rotate' | 'test' | 'redeliver' | 'disable';

const refusals: Record<WebhookAction, string> = {
  read: 'Only admins can see webhooks.',
  create: 'Only admins can add webhooks.',
  update: 'Only admins can change webhooks.',
  delete: 'Only admins can delete webhooks.',
  rotate: "Only admins can rotate a webhook's secret.",
  test: 'Only admins can send a test event.',
  redeliver: 'Only admins can redeliver a webhook message.',
  disable: 'Only admins can turn a webhook off.',
};

/** Throws ForbiddenError unless the actor may do this to webhooks. */
export function authorizeWebhook(actor: Acting, action: WebhookAction): void {
  requireAdmin(actor, refusals[action], action === 'disable');
}
