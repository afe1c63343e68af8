/**
 * Queues a notification at most once, however often its job runs (delivery is at least
 * once): the key (event id, what, recipient) is the outbox row's dedupe key, unique per
 * tenant (migration 010), so a rerun after a commit, or a second worker running the same
 * job at the same moment, finds the mail there and queues nothing. It lives as long as
 * the outbox row.
 */
import type { Ctx } from '../../../domain/shared/context.ts';
import { refusedRecipients } from '../may-send-to.ts';
import { queueMails, type QueuedMail } from '../queue-mail.ts';

/** Keeps notification keys apart from any other dedupe keys the outbox may get. */
const PREFIX = 'notify:';
const ADDRESS = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/;

export interface KeyedMail { key: string; mail: QueuedMail }

/** The outbox row's Message-ID, or null when it was queued before or nobody is left to get it. */
export async function queueOnce(tx: Ctx, key: string, mail: QueuedMail): Promise<string | null> {
  const [id] = await queueEachOnce(tx, [{ key, mail }]);
  return id;
}

/**
 * queueOnce for the mails of one event (a notice to each agent of a department), in a few
 * statements whatever their number. Answers in the order given.
 */
export async function queueEachOnce(tx: Ctx, mails: readonly KeyedMail[]): Promise<Array<string | null>> {
  const refused = await refusedRecipients(tx.db, tx.tenantId, mails.flatMap(({ mail }) => [...mail.to, ...(mail.cc ?? [])]));
  const sendable = mails.map(({ key, mail }) => {
    const to = keepSendable(mail.to, refused);
    const cc = keepSendable(mail.cc ?? [], refused).filter((a) => !to.includes(a));
    if (to.length === 0 && cc.length === 0) return null;
    return { ...mail, to: to.length ? to : cc.slice(0, 1), cc: to.length ? cc : cc.slice(1), dedupeKey: PREFIX + key.slice(0, 400) };
  });
  const queued = await queueMails(tx, sendable.filter((m) => m !== null), refused);
  let next = 0;
  return sendable.map((m) => {
    if (!m) return null;
    const q = queued[next++];
    return q.duplicate ? null : q.emailMessageId;
  });
}

/**
 * Nothing goes to software (no-reply, mailer-daemon…), to our own queue addresses, or to
 * something that is not an address; a person's reply neither (it would bounce or loop).
 */
function keepSendable(addresses: readonly string[], refused: ReadonlyMap<string, string>): string[] {
  const kept: string[] = [];
  for (const raw of addresses) {
    const a = raw.trim().toLowerCase();
    if (!ADDRESS.test(a) || kept.includes(a) || refused.has(a)) continue;
    kept.push(a);
  }
  return kept;
}
