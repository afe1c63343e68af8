/**
 * Who may see and change accounts. Staff list and read them; anyone reads their own and
 * learns nothing about another (it is "not found"). Admins change any account; agents
 * create customers; a person changes only their own name, language, away flag and password. Parley
 * itself may create, update and set passwords (CLI, mail, a proven reset token), never
 * change one; nobody signed in may only register as a customer (the route checks the
 * tenant allows it).
 */
import type { Role } from '../../db/schema.ts';
import { isPerson, isStaff, isSystem, type Acting, type Actor } from '../shared/context.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../shared/errors.ts';

export type UserAction = 'list' | 'read' | 'create' | 'update' | 'set-password' | 'change-password';

/** The account acted on: its id, the role asked for on create, the fields changed on update. */
export interface UserTarget { id?: string; role?: Role; fields?: string[] }

const SELF_FIELDS = new Set(['name', 'language', 'away']);

/** Throws ForbiddenError, NotFoundError (another account, to a customer) or UnauthorizedError. */
export function authorizeUser(actor: Acting, action: 'change-password', target: UserTarget): asserts actor is Actor;
export function authorizeUser(actor: Acting, action: UserAction, target?: UserTarget): void;
export function authorizeUser(actor: Acting, action: UserAction, target: UserTarget = {}): void {
  if (isSystem(actor)) {
    if (action === 'change-password') throw new ForbiddenError();
    return;
  }
  const self = isPerson(actor) && actor.id === target.id;
  switch (action) {
    case 'list':
      if (!isStaff(actor)) throw new ForbiddenError('Only agents and admins can list accounts.');
      return;
    case 'read':
      if (!isStaff(actor) && !self) throw new NotFoundError('user');
      return;
    case 'create':
      if (!actor ? target.role !== 'customer' : actor.role !== 'admin' && !(actor.role === 'agent' && target.role === 'customer')) {
        throw new ForbiddenError('You cannot create this kind of account.');
      }
      return;
    case 'update': {
      const adminOnly = (target.fields ?? []).some((k) => !SELF_FIELDS.has(k));
      if (!actor || (actor.role !== 'admin' && (!self || adminOnly))) throw new ForbiddenError('Only admins can change accounts.');
      return;
    }
    case 'set-password':
      if (!actor || (actor.role !== 'admin' && !self)) throw new ForbiddenError();
      return;
    case 'change-password':
      if (!actor) throw new UnauthorizedError();
      if (actor.scopes) throw new ForbiddenError('An API token cannot change passwords.');
      if (!self && actor.role !== 'admin') throw new ForbiddenError();
  }
}
