/**
 * What LMTP/SMTP delivery and `parley mailgate` share: find the tenants of the
 * recipients, then store the message once per tenant (one message sent to two queue
 * addresses of a tenant is one stored message, hence one ticket).
 */
import type { Services } from '../../../domain/shared/context.ts';
import { findDeliveryTenants } from '../delivery-tenants.repo.ts';
import { receiveMessage, type InboundSource } from '../receive-message.ts';

/** Recipients grouped by the tenant that owns them as queue addresses; `unknown` are nobody's. */
export async function recipientsByTenant(services: Services, recipients: string[]): Promise<{ byTenant: Map<string, string[]>; unknown: string[] }> {
  const byTenant = new Map<string, string[]>();
  const unknown: string[] = [];
  for (const address of new Set(recipients.map((r) => r.trim().toLowerCase()).filter(Boolean))) {
    const tenants = await findDeliveryTenants(services.db, address);
    if (tenants.length === 0) unknown.push(address);
    for (const t of tenants) byTenant.set(t, [...(byTenant.get(t) ?? []), address]);
  }
  return { byTenant, unknown };
}

export type StoreOutcome = { ok: true; id: string; duplicate: boolean } | { ok: false; error: string };

/**
 * Stores the message for every tenant, each independently: one tenant's failure does not
 * stop the others. The envelope given to a tenant names only its own recipients, so no
 * tenant learns another's queue addresses.
 */
export async function storeForTenants(services: Services, p: {
  source: InboundSource; raw: Buffer; mailFrom: string | null; byTenant: Map<string, string[]>; withEnvelope: boolean;
}): Promise<Map<string, StoreOutcome>> {
  const outcomes = new Map<string, StoreOutcome>();
  for (const [tenantId, recipients] of p.byTenant) {
    try {
      const r = await receiveMessage(services, {
        tenantId, mailboxId: null, source: p.source, raw: p.raw,
        envelope: p.withEnvelope ? { mailFrom: p.mailFrom, recipients } : undefined,
      });
      outcomes.set(tenantId, { ok: true, ...r });
    } catch (err) {
      outcomes.set(tenantId, { ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return outcomes;
}
