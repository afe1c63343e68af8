/**
 * The figures of the health report, for the whole installation (/readyz) or one tenant
 * (the admin page). Each is one indexed query and every count stops at COUNT_CAP, so
 * the report stays fast however far behind the queue is:
 * jobs (status, run_at) or (tenant_id, status, id); outbound mail (status, send_at) or
 * (tenant_id, status, id); mailboxes are few per installation.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

/** Counts stop here: "10000" reads "10000 or more". */
export const COUNT_CAP = 10_000;

export interface HealthFigures {
  jobs: { due: number; oldest_due_at: string | null; failed: number };
  outbound_mail: { undelivered: number; oldest_undelivered_at: string | null };
  mailboxes: { needs_reauth: number };
}

/** The figures of one tenant, or of the whole installation when `tenantId` is null. */
export async function readHealthFigures(db: Db, tenantId: string | null, now: Date): Promise<HealthFigures> {
  const at = now.toISOString();
  const jobs = () => {
    const q = db.selectFrom('jobs');
    return tenantId === null ? q : q.where('tenant_id', '=', tenantId);
  };
  const mails = () => {
    const q = db.selectFrom('outbound_mails').where('status', 'in', ['queued', 'held']).where('send_at', '<=', at);
    return tenantId === null ? q : q.where('tenant_id', '=', tenantId);
  };
  const due = jobs().select(sql<number>`1`.as('one')).where('status', '=', 'pending').where('run_at', '<=', at).limit(COUNT_CAP);
  const failed = jobs().select(sql<number>`1`.as('one')).where('status', '=', 'failed').limit(COUNT_CAP);
  const undelivered = mails().select(sql<number>`1`.as('one')).limit(COUNT_CAP);
  const [dueN, oldestDue, failedN, undeliveredN, oldestMail, reauth] = await Promise.all([
    db.selectFrom(due.as('d')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    jobs().select('run_at').where('status', '=', 'pending').where('run_at', '<=', at).orderBy('run_at').limit(1).executeTakeFirst(),
    db.selectFrom(failed.as('f')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom(undelivered.as('u')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    mails().select('send_at').orderBy('send_at').limit(1).executeTakeFirst(),
    (tenantId === null ? db.selectFrom('mailboxes') : db.selectFrom('mailboxes').where('tenant_id', '=', tenantId))
      .select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'needs_reauth').where('is_active', '=', true).executeTakeFirstOrThrow(),
  ]);
  return {
    jobs: { due: Number(dueN.n), oldest_due_at: oldestDue?.run_at ?? null, failed: Number(failedN.n) },
    outbound_mail: { undelivered: Number(undeliveredN.n), oldest_undelivered_at: oldestMail?.send_at ?? null },
    mailboxes: { needs_reauth: Number(reauth.n) },
  };
}
