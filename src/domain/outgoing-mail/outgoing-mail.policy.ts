/**
 * Who may see and change how mail goes out: admins only (the settings name servers,
 * logins and the mailboxes that send). Reading and sending a test mail need a person;
 * Parley itself (CLI, setup) may change the settings.
 */
import type { Acting, Actor } from '../shared/context.ts';
import { requireAdmin } from '../shared/require-admin.ts';

export type OutgoingMailAction = 'read' | 'update' | 'test';

const refusals: Record<OutgoingMailAction, string> = {
  read: 'Only admins can see the outgoing mail settings.',
  update: 'Only admins can change the outgoing mail settings.',
  test: 'Only admins can send a test mail.',
};

/** Throws ForbiddenError unless the actor may do this to the outgoing mail settings. */
export function authorizeOutgoingMail(actor: Acting, action: 'read' | 'test'): asserts actor is Actor;
export function authorizeOutgoingMail(actor: Acting, action: OutgoingMailAction): void;
export function authorizeOutgoingMail(actor: Acting, action: OutgoingMailAction): void {
  requireAdmin(actor, refusals[action], action === 'update');
}
