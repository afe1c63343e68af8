import type { Ctx } from '../../domain/shared/context.ts';
import { dispatchAgain } from './dispatch-again.ts';
import type { OutboundMailRow } from './outbound-mails.repo.ts';

/** Queues a failed mail again with a full set of attempts and the same Message-ID (admins). */
export async function retryOutboundMail(ctx: Ctx, id: string): Promise<OutboundMailRow> {
  return dispatchAgain(ctx, id, 'failed', 'retry');
}
