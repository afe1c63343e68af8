/**
 * Who may see, create and revoke API tokens: a person their own, an admin anyone's. A
 * token cannot mint tokens; another person's token is "not found" to whoever may not revoke it.
 */
import { isPerson, type Acting, type Actor } from '../shared/context.ts';
import { ForbiddenError, NotFoundError } from '../shared/errors.ts';

export type ApiTokenAction = 'list' | 'create' | 'revoke';

/** Whose tokens: `userId` the owner (listed, created for, or owning the revoked one); `all` every owner. */
export interface ApiTokenTarget { userId?: string; all?: boolean }

/** Throws ForbiddenError, or NotFoundError for a token the actor may not revoke. */
export function authorizeApiToken(actor: Acting, action: 'create', target: ApiTokenTarget): asserts actor is Actor;
export function authorizeApiToken(actor: Acting, action: ApiTokenAction, target: ApiTokenTarget): void;
export function authorizeApiToken(actor: Acting, action: ApiTokenAction, target: ApiTokenTarget): void {
  if (!isPerson(actor)) throw new ForbiddenError('API tokens belong to people.');
  const admin = actor.role === 'admin';
  if (action === 'list') {
    const others = !!target.all || (target.userId !== undefined && target.userId !== actor.id);
    if (others && !admin) throw new ForbiddenError("Only admins can see other people's tokens.");
  } else if (action === 'create') {
    if (actor.scopes) throw new ForbiddenError('An API token cannot create other tokens.');
    if (target.userId !== actor.id && !admin) throw new ForbiddenError();
  } else if (target.userId !== actor.id && !admin) throw new NotFoundError('API token');
}
