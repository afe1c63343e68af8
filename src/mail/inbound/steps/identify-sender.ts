import { createUser } from '../../../domain/users/create-user.ts';
import { findUserByEmail } from '../../../domain/users/users.repo.ts';
import { next, reject, type PipelineState, type StepResult } from '../pipeline-state.ts';

/**
 * Finds who wrote the mail. When it comes from a forwarding domain (seed 002:
 * mail_forwarding_domains) and forwards another message, the original sender is the
 * requester. An unknown sender becomes a customer when the queue allows it (seed 001),
 * joining the organisation of their mail domain; otherwise the mail is rejected.
 */
export async function identifySender(s: PipelineState): Promise<StepResult> {
  const from = s.mail.from;
  if (!from?.address || !from.address.includes('@')) return reject('the message has no usable From address');
  let sender = from;
  const domain = from.address.split('@')[1].toLowerCase();
  const forwardingDomains = s.settings.mail_forwarding_domains.map((d) => d.toLowerCase());
  if (s.forwarded?.from?.address && forwardingDomains.includes(domain)) {
    sender = { address: s.forwarded.from.address, name: s.forwarded.from.name };
  }
  s.senderAddress = sender;
  const existing = await findUserByEmail(s.ctx.db, s.ctx.tenantId, sender.address);
  if (existing) {
    if (!existing.is_active) return reject(`the sender ${sender.address} has a deactivated account`);
    s.sender = existing;
    return next();
  }
  if (s.autoReply) return next();
  if (!s.department?.auto_create_customers) return reject(`unknown sender ${sender.address}, and the queue does not create customers`);
  s.sender = await createUser({ ...s.ctx, actor: null }, { email: sender.address, name: sender.name ?? undefined, role: 'customer' });
  return next();
}
