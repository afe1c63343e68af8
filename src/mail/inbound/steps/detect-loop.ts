import { FALLBACK_MAIL_DOMAIN } from '../../outbound/message-id.ts';
import { findOutboundMailByEmailId } from '../../outbound/outbound-mails.repo.ts';
import { drop, next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { bareMessageId } from './message-id.ts';
import { note } from '../trace.ts';

/**
 * The loop token this install puts in X-Loop on everything it sends: its own, so that a
 * person's reply sent through another Parley install (which carries that install's
 * token) is not mistaken for our mail coming back.
 */
export const loopToken = (mailDomain: string | undefined): string => `parley@${mailDomain ?? FALLBACK_MAIL_DOMAIN}`;

/**
 * Mail that Parley itself sent (a notification that came back through a forward, a
 * mailing list or a misconfigured alias) is never turned into a ticket or a reply.
 */
export async function detectLoop(s: PipelineState): Promise<StepResult> {
  const ours = loopToken(s.ctx.mailDomain).toLowerCase();
  const loops = s.mail.headers.get('x-loop') ?? [];
  if (loops.some((v) => v.toLowerCase().split(/[\s,]+/).includes(ours))) {
    note(s.trace, 'detect-loop', 'loop-x-loop', `X-Loop carries this install's token ${ours}`);
    return drop('loop: our own notification came back (X-Loop)');
  }
  const id = bareMessageId(s.mail.messageId);
  const sent = id ? await findOutboundMailByEmailId(s.ctx.db, s.ctx.tenantId, `<${id}>`) : undefined;
  if (sent) {
    note(s.trace, 'detect-loop', 'loop-message-id', `Message-ID <${id}> is outgoing mail ${sent.id} that Parley sent`);
    return drop('loop: our own Message-ID came back');
  }
  note(s.trace, 'detect-loop', 'not-ours', loops.length ? `X-Loop (${loops.join(', ').slice(0, 80)}) is not ours, nor is the Message-ID` : 'no X-Loop of ours, and the Message-ID is not one we sent');
  return next();
}
