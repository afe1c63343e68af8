import type { Db } from '../../../db/client.ts';
import { findDkimKey } from '../../../domain/outgoing-mail/outgoing-transports.repo.ts';
import type { SecretBox } from '../../../domain/shared/secret-box.ts';
import type { DkimKey } from '../transport.ts';

/** The tenant's DKIM key, unsealed for nodemailer's `dkim` option, if it has one. */
export async function tenantDkim(db: Db, secrets: SecretBox, tenantId: string): Promise<DkimKey | undefined> {
  const key = await findDkimKey(db, tenantId);
  return key && { domainName: key.domain, keySelector: key.selector, privateKey: secrets.open(key.private_key_enc) };
}
