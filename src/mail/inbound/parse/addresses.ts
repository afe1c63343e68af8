import type { AddressObject, EmailAddress } from 'mailparser';
import type { MailAddress } from './parsed-mail.ts';
import { toStorableText } from '../../../domain/shared/well-formed-text.ts';

/**
 * Flattens mailparser's address objects (one per header occurrence, with
 * nested groups) into a plain list. Entries without an address (a bare group
 * name, garbage) are dropped; an empty display name becomes null.
 */
export function toAddressList(value: AddressObject | AddressObject[] | undefined, raw: string[] = []): MailAddress[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: MailAddress[] = [];
  const visit = (entry: EmailAddress): void => {
    if (entry.group) {
      entry.group.forEach(visit);
      return;
    }
    const address = toStorableText(entry.address ?? '').trim();
    if (!address) return;
    const name = toStorableText(entry.name ?? '').replace(/\s+/g, ' ').trim();
    out.push({ address, name: name === '' ? quotedAddressName(address, raw) : name });
  };
  for (const object of objects) object.value.forEach(visit);
  return out;
}

/**
 * The display name when it is the address itself (`"a@b.example" <a@b.example>`, as
 * Outlook writes): the address parser drops such a name, the header still has it.
 */
function quotedAddressName(address: string, raw: string[]): string | null {
  const quoted = `"${address.toLowerCase()}"`;
  return raw.some((v) => v.toLowerCase().includes(`${quoted} <${address.toLowerCase()}>`)) ? address : null;
}
