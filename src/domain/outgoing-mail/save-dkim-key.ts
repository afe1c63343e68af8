/**
 * A tenant's DKIM key: given as a PEM, or generated (RSA 2048) when none is given. The
 * private half is sealed; the public half is kept to show the DNS TXT record to publish.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { recordEvent } from '../events/record-event.ts';
import { nowIso } from '../shared/clock.ts';
import type { Ctx } from '../shared/context.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import type { SecretBox } from '../shared/secret-box.ts';
import { inTransaction } from '../shared/transaction.ts';
import { authorizeOutgoingMail } from './outgoing-mail.policy.ts';
import { deleteDkimKey, findDkimKey, saveDkimKey, type OutgoingDkimRow } from './outgoing-transports.repo.ts';

export interface DkimInput { domain: string; selector: string; privateKey?: string }

/** Sets the tenant's DKIM key (admins only); every transport signs the tenant's mail with it. */
export async function saveDkim(ctx: Ctx, secrets: SecretBox, input: DkimInput): Promise<OutgoingDkimRow> {
  authorizeOutgoingMail(ctx.actor, 'update');
  const { privatePem, publicDer } = keyPair(input.privateKey);
  return inTransaction(ctx, async (tx) => {
    const now = nowIso();
    const before = await findDkimKey(tx.db, tx.tenantId);
    const row: OutgoingDkimRow = {
      tenant_id: tx.tenantId, domain: input.domain.toLowerCase(), selector: input.selector,
      private_key_enc: secrets.seal(privatePem), public_key: publicDer, created_at: before?.created_at ?? now, updated_at: now,
    };
    await saveDkimKey(tx.db, row);
    await recordEvent(tx, { name: 'outgoing_mail.dkim_changed', subjectType: 'outgoing_mail', subjectId: 'dkim', payload: { domain: row.domain, selector: row.selector } });
    return row;
  });
}

/** Stops signing the tenant's mail (admins only); 404 if it had no key. */
export async function removeDkim(ctx: Ctx): Promise<void> {
  authorizeOutgoingMail(ctx.actor, 'update');
  await inTransaction(ctx, async (tx) => {
    if (!(await deleteDkimKey(tx.db, tx.tenantId))) throw new NotFoundError('DKIM key');
    await recordEvent(tx, { name: 'outgoing_mail.dkim_changed', subjectType: 'outgoing_mail', subjectId: 'dkim', payload: { domain: null, selector: null } });
  });
}

/** The private key as PKCS#8 PEM and the public key as base64 DER (the `p=` of the TXT record). */
function keyPair(pem: string | undefined): { privatePem: string; publicDer: string } {
  if (pem === undefined) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicDer: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 1024) throw new Error('not a usable RSA key');
    const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
    return { privatePem: key.export({ type: 'pkcs8', format: 'pem' }).toString(), publicDer: spki.toString('base64') };
  } catch {
    throw ValidationError.field('private_key', 'must be an RSA private key (at least 1024 bits, 2048 recommended) in PEM');
  }
}
