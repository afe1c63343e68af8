/** A saved view as the API answers it. */
import type { SavedViewRow } from './saved-views.repo.ts';
import type { ViewFilters } from './saved-views.ts';

export function presentSavedView(v: SavedViewRow) {
  let filters: ViewFilters = {};
  try { filters = JSON.parse(v.filters) as ViewFilters; } catch { /* never stored that way; an empty view is the harmless answer */ }
  return { id: v.id, name: v.name, filters, position: v.position, created_at: v.created_at, updated_at: v.updated_at };
}
