import type { OrganisationRow } from './organisations.repo.ts';

/** An organisation with the mail domains that place new customers in it. */
export function presentOrganisation(o: OrganisationRow, domains: string[]) {
  return { id: o.id, name: o.name, domains, created_at: o.created_at, updated_at: o.updated_at };
}
