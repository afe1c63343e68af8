/**
 * A person's saved views of the ticket list: list, save, rename / re-filter / move, delete.
 * Filters are the list's query parameters as strings (checked against the list's schema by
 * the route); they are kept as JSON and handed back as saved.
 */
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeSavedView } from './saved-view.policy.ts';
import { deleteView, findUserView, insertView, listUserViews, updateView, type SavedViewRow } from './saved-views.repo.ts';

/** The list's query parameters a view keeps (name → value, as in the address). */
export type ViewFilters = Record<string, string>;

/** Enough for any workflow, few enough that counting them all stays cheap. */
export const MAX_VIEWS = 30;

export async function listSavedViews(ctx: Ctx): Promise<SavedViewRow[]> {
  const actor = authorizeSavedView(ctx.actor, 'list');
  return listUserViews(ctx.db, ctx.tenantId, actor.id);
}

/** Saves a new view at the end of the person's list. */
export async function createSavedView(ctx: Ctx, input: { name: string; filters: ViewFilters }): Promise<SavedViewRow> {
  const actor = authorizeSavedView(ctx.actor, 'create');
  return inTransaction(ctx, async (tx) => {
    const views = await listUserViews(tx.db, tx.tenantId, actor.id);
    if (views.length >= MAX_VIEWS) throw ValidationError.field('name', `you can keep at most ${MAX_VIEWS} views; delete one first`);
    assertFreeName(views, input.name);
    const at = nowIso();
    const row: SavedViewRow = {
      tenant_id: tx.tenantId, id: newId(), user_id: actor.id, name: input.name, filters: JSON.stringify(input.filters),
      position: views.reduce((max, v) => Math.max(max, v.position + 1), 0), created_at: at, updated_at: at,
    };
    await insertView(tx.db, row);
    return row;
  });
}

/** Renames a view, replaces its filters, or moves it to `position` (0 = first) among the person's views. */
export async function updateSavedView(ctx: Ctx, id: string, input: { name?: string; filters?: ViewFilters; position?: number }): Promise<SavedViewRow> {
  const actor = authorizeSavedView(ctx.actor, 'update');
  return inTransaction(ctx, async (tx) => {
    const views = await listUserViews(tx.db, tx.tenantId, actor.id);
    const view = views.find((v) => v.id === id);
    if (!view) throw new NotFoundError('view');
    authorizeSavedView(ctx.actor, 'update', view);
    if (input.name !== undefined && input.name !== view.name) assertFreeName(views, input.name);
    const at = nowIso();
    await updateView(tx.db, tx.tenantId, actor.id, id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.filters !== undefined && { filters: JSON.stringify(input.filters) }),
      updated_at: at,
    });
    if (input.position !== undefined) {
      const order = views.filter((v) => v.id !== id);
      order.splice(Math.min(input.position, order.length), 0, view);
      for (const [i, v] of order.entries()) if (v.position !== i) await updateView(tx.db, tx.tenantId, actor.id, v.id, { position: i });
    }
    const updated = await findUserView(tx.db, tx.tenantId, actor.id, id);
    if (!updated) throw new NotFoundError('view');
    return updated;
  });
}

export async function deleteSavedView(ctx: Ctx, id: string): Promise<void> {
  const actor = authorizeSavedView(ctx.actor, 'delete');
  if (!(await deleteView(ctx.db, ctx.tenantId, actor.id, id))) throw new NotFoundError('view');
}

function assertFreeName(views: SavedViewRow[], name: string) {
  const wanted = name.toLowerCase();
  if (views.some((v) => v.name.toLowerCase() === wanted)) throw new ConflictError(`You already have a view named "${name}".`);
}
