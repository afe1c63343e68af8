/**
 * Queues a notification at most once, however often its job runs (delivery is at least
 * once): the key (event id, what, recipient) is the outbox row's dedupe key, unique per
 * tenant (migration 010), so a rerun after a commit, or a second worker running the same
 * job at the same moment, finds the mail there and queues nothing. It lives as long as
 * the outbox row.
 */
import type { Ctx } from '../../../domain/shared/context.ts';
import { maySendTo } from '../may-send-to.ts';
import { queueMail, type QueuedMail } from '../queue-mail.ts';

/** Keeps notification keys apart from any other dedupe keys the outbox may get. */
const PREFIX = 'notify:';
const ADDRESS = /^[^\s@<>(),;:"\\[\]]+@[^\s@<>(),;:"\\[\]]+\.[^\s@<>(),;:"\\[\]]+$/;

/** The outbox row's Message-ID, or null when it was queued before or nobody is left to get it. */
export async function queueOnce(tx: Ctx, key: string, mail: QueuedMail): Promise<string | null> {
  const to = await keepSendable(tx, mail.to);
  const cc = (await keepSendable(tx, mail.cc ?? [])).filter((a) => !to.includes(a));
  if (to.length === 0 && cc.length === 0) return null;
  const queued = await queueMail(tx, {
    ...mail, to: to.length ? to : cc.slice(0, 1), cc: to.length ? cc : cc.slice(1), dedupeKey: PREFIX + key.slice(0, 400),
  });
  return queued.duplicate ? null : queued.emailMessageId;
}

/**
 * Nothing goes to software (no-reply, mailer-daemon…), to our own queue addresses, or to
 * something that is not an address; a person's reply neither (it would bounce or loop).
 */
async function keepSendable(tx: Ctx, addresses: readonly string[]): Promise<string[]> {
  const kept: string[] = [];
  for (const raw of addresses) {
    const a = raw.trim().toLowerCase();
    if (!ADDRESS.test(a) || kept.includes(a)) continue;
    if ((await maySendTo(tx.db, tx.tenantId, a)).ok) kept.push(a);
  }
  return kept;
}
