/**
 * "Send a test mail" for a scope's outgoing mail (admins only): through the transport its
 * mail would use now, built afresh so a just-saved setting is what is tried. The result
 * carries the server's own words when it refuses (an SMTP reply such as "535 5.7.8
 * Authentication failed", or the mail API's error), so an admin can fix the setting. It
 * is signed with the tenant's DKIM key, like all its mail, so the key can be checked too.
 */
import { authorizeOutgoingMail } from '../../../domain/outgoing-mail/outgoing-mail.policy.ts';
import { outgoingScope } from '../../../domain/outgoing-mail/save-outgoing-mail.ts';
import { newId } from '../../../domain/shared/clock.ts';
import type { Ctx } from '../../../domain/shared/context.ts';
import type { Runtime } from '../../../runtime.ts';
import { FALLBACK_MAIL_DOMAIN, newMessageId } from '../message-id.ts';
import { tenantDkim } from './tenant-dkim.ts';
import { selectTransportFor, type TransportMethod, type TransportSource } from './select-transport.ts';

export interface TestMailResult {
  sent: boolean;
  source: TransportSource | 'none';
  method: TransportMethod | null;
  from: string;
  message_id: string | null;
  error: string | null;
  /** What the SMTP server answered, when it refused. */
  smtp: { code: string | null; response_code: number | null; command: string | null } | null;
}

/** Sends one short mail to `to` and reports what happened; never throws for a refusal. */
export async function sendTestMail(ctx: Ctx, rt: Runtime, departmentId: number | null, to: string, from?: string): Promise<TestMailResult> {
  authorizeOutgoingMail(ctx.actor, 'test');
  await outgoingScope(ctx, departmentId);
  const deps = { db: ctx.db, mail: rt.mail, runtime: () => rt };
  let sender = from ?? rt.config.mailFrom;
  let choice;
  try {
    choice = await selectTransportFor(deps, ctx.tenantId, departmentId, { cached: false });
  } catch (err) {
    return { sent: false, source: 'none', method: null, from: sender, message_id: null, error: (err as Error).message, smtp: null };
  }
  if (!choice) {
    return { sent: false, source: 'none', method: null, from: sender, message_id: null, error: 'no outgoing mail transport is configured for this scope (nor SMTP_URL)', smtp: null };
  }
  if (!from && choice.account) sender = choice.account;
  const messageId = newMessageId(rt.mailDomain ?? FALLBACK_MAIL_DOMAIN, newId());
  try {
    await choice.transport.send({
      from: sender, to, subject: 'Parley: test mail', messageId,
      text: `This is a test mail from Parley, sent through the ${choice.source} transport (${choice.method}).\nIf you read it, outgoing mail works.\n`,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      dkim: await tenantDkim(ctx.db, rt.secrets, ctx.tenantId),
    });
    return { sent: true, source: choice.source, method: choice.method, from: sender, message_id: messageId, error: null, smtp: null };
  } catch (err) {
    const e = err as Error & { code?: string; responseCode?: number; command?: string };
    const smtp = e.responseCode || e.command ? { code: e.code ?? null, response_code: e.responseCode ?? null, command: e.command ?? null } : null;
    return { sent: false, source: choice.source, method: choice.method, from: sender, message_id: null, error: e.message, smtp };
  } finally {
    if (choice.source !== 'install') choice.transport.close?.();
  }
}
