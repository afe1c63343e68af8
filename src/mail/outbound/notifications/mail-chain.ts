/**
 * The threading headers of a mail on a ticket (RFC 5322 §3.6.4): References lists the
 * ticket's mails oldest first, In-Reply-To names the newest mail the customer sent (or,
 * when they never mailed, our newest). Long chains keep their first id and the newest
 * ones, as mail clients do.
 */
import type { ThreadMail } from './notifications.repo.ts';

const MAX_REFERENCES = 20;

export interface MailChain { inReplyTo: string | null; references: string[] }

export function mailChain(mails: readonly ThreadMail[], customerIds: ReadonlySet<string>, skipMessageId: string | null = null): MailChain {
  const chain = mails.filter((m) => m.id !== skipMessageId);
  const ids = [...new Set(chain.map((m) => bracket(m.email_message_id)))];
  const fromCustomer = chain.filter((m) => m.author_id && customerIds.has(m.author_id)).at(-1);
  const inReplyTo = fromCustomer ? bracket(fromCustomer.email_message_id) : ids.at(-1) ?? null;
  const references = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  return { inReplyTo, references };
}

/** Stored ids are bare (inbound strips the brackets); headers carry `<…>`. */
export function bracket(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}
