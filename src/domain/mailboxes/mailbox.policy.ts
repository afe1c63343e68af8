/**
 * Who may see and change mailboxes: admins only. The system actor may run the commands
 * (CLI, jobs), but reading through the API and connecting by OAuth need a person.
 */
import type { Acting, Actor } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type MailboxAction = 'read' | 'create' | 'update' | 'delete' | 'scan' | 'connect';

const refusals: Record<MailboxAction, string> = {
  read: 'Only admins can manage mailboxes.',
  create: 'Only admins can add mailboxes.',
  update: 'Only admins can change mailboxes.',
  delete: 'Only admins can delete mailboxes.',
  scan: 'Only admins can scan mailboxes.',
  connect: 'Only admins can connect mailboxes.',
};

/** Throws ForbiddenError unless the actor may do this to mailboxes; reading and connecting need a person. */
export function authorizeMailbox(actor: Acting, action: 'read' | 'connect'): asserts actor is Actor;
export function authorizeMailbox(actor: Acting, action: MailboxAction): void;
export function authorizeMailbox(actor: Acting, action: MailboxAction): void {
  const systemMay = action !== 'read' && action !== 'connect';
  requireAdmin(actor, refusals[action], systemMay);
}
