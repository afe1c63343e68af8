import type { Ctx } from '../../domain/shared/context.ts';
import { dispatchAgain } from './dispatch-again.ts';
import type { OutboundMailRow } from './outbound-mails.repo.ts';

/** Sends a mail the send threshold held back (admins): it goes out past the threshold, once. */
export async function releaseOutboundMail(ctx: Ctx, id: string): Promise<OutboundMailRow> {
  return dispatchAgain(ctx, id, 'held', 'release', { threshold_waived: true });
}
