import { recordEvent } from '../events/record-event.ts';
import { newId, nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeOrganisation } from './organisation.policy.ts';
import {
  findOrganisationById, findOrganisationByName, findTakenDomains, insertOrganisation,
  replaceOrganisationDomains, updateOrganisationRow, type OrganisationRow,
} from './organisations.repo.ts';

export interface OrganisationProps { name?: string; domains?: string[] }

const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/;

/** Creates (no id) or updates an organisation and the mail domains that identify its people. */
export async function saveOrganisation(ctx: Ctx, id: string | null, props: OrganisationProps): Promise<OrganisationRow> {
  authorizeOrganisation(ctx.actor, 'save');
  const name = props.name?.trim();
  if (id === null && !name) throw ValidationError.field('name', 'must not be empty');
  if (props.name !== undefined && !name) throw ValidationError.field('name', 'must not be empty');
  const domains = props.domains && [...new Set(props.domains.map((d) => d.trim().toLowerCase()))];
  const bad = domains?.find((d) => !DOMAIN.test(d));
  if (bad) throw ValidationError.field('domains', `"${bad}" is not a domain name`);
  return inTransaction(ctx, async (tx) => {
    const existing = id ? await findOrganisationById(tx.db, tx.tenantId, id) : undefined;
    if (id && !existing) throw new NotFoundError('organisation');
    if (name && name !== existing?.name && await findOrganisationByName(tx.db, tx.tenantId, name)) {
      throw new ConflictError(`An organisation named "${name}" exists already.`);
    }
    const orgId = existing?.id ?? newId();
    const taken = domains ? await findTakenDomains(tx.db, tx.tenantId, domains, orgId) : [];
    if (taken.length) throw new ConflictError(`The domain ${taken[0]} belongs to another organisation.`);
    const now = nowIso();
    if (existing) await updateOrganisationRow(tx.db, tx.tenantId, orgId, { ...(name && { name }), updated_at: now });
    else await insertOrganisation(tx.db, { id: orgId, tenant_id: tx.tenantId, name: name!, created_at: now, updated_at: now });
    if (domains) await replaceOrganisationDomains(tx.db, tx.tenantId, orgId, domains);
    await recordEvent(tx, { name: existing ? 'organisation.updated' : 'organisation.created', subjectType: 'organisation', subjectId: orgId, payload: { name, domains } });
    return (await findOrganisationById(tx.db, tx.tenantId, orgId))!;
  });
}
