/** One per-recipient block of an RFC 3464 delivery-status report. */
export interface DsnRecord {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: string | null;
  status: string | null;
  diagnostic: string | null;
}

const FIELD = /^([A-Za-z-]+)[ \t]*:[ \t]*(.*)$/;

/**
 * Reads the per-recipient fields out of delivery-status text. Blocks are split
 * on blank lines; only blocks naming a recipient or a status count. Lenient on
 * purpose: many MTAs paste these fields into the plain-text part.
 */
export function parseDsnRecords(text: string): DsnRecord[] {
  const unfolded = text.replace(/\r\n?/g, '\n').replace(/\n[ \t]+/g, ' ');
  const records: DsnRecord[] = [];
  for (const block of unfolded.split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = FIELD.exec(line.trim());
      if (m && !fields.has(m[1].toLowerCase())) fields.set(m[1].toLowerCase(), m[2].trim());
    }
    const finalRecipient = fields.get('final-recipient') ?? null;
    const status = fields.get('status') ?? null;
    if (!finalRecipient && !(status && /^\d\.\d/.test(status))) continue;
    records.push({
      finalRecipient: finalRecipient ? stripAddressType(finalRecipient) : null,
      originalRecipient: fields.has('original-recipient') ? stripAddressType(fields.get('original-recipient')!) : null,
      action: fields.get('action')?.toLowerCase() ?? null,
      status,
      diagnostic: fields.get('diagnostic-code') ?? null,
    });
  }
  return records;
}

function stripAddressType(value: string): string {
  return value.replace(/^[a-z0-9-]+;\s*/i, '').replace(/^<|>$/g, '').trim();
}
