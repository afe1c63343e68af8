import { findOrganisationById } from '../../../domain/organisations/organisations.repo.ts';
import { createUser } from '../../../domain/users/create-user.ts';
import { findUserByEmail, type UserRow } from '../../../domain/users/users.repo.ts';
import { next, reject, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { note } from '../trace.ts';

/**
 * Finds who wrote the mail. When it comes from a forwarding domain (seed 002:
 * mail_forwarding_domains) and forwards another message, the original sender is the
 * requester. An unknown sender becomes a customer when the queue allows it (seed 001),
 * joining the organisation of their mail domain; otherwise the mail is rejected.
 */
export async function identifySender(s: PipelineState): Promise<StepResult> {
  const from = s.mail.from;
  if (!from?.address || !from.address.includes('@')) {
    note(s.trace, 'identify-sender', 'no-from', `the From header (${(s.mail.headers.get('from') ?? []).join(', ').slice(0, 80) || 'missing'}) has no usable address`);
    return reject('the message has no usable From address');
  }
  let sender = from;
  const domain = from.address.split('@')[1].toLowerCase();
  const forwardingDomains = s.settings.mail_forwarding_domains.map((d) => d.toLowerCase());
  if (s.forwarded?.from?.address && forwardingDomains.includes(domain)) {
    sender = { address: s.forwarded.from.address, name: s.forwarded.from.name };
    note(s.trace, 'identify-sender', 'original-sender', `${from.address} is of forwarding domain ${domain}: the requester is the original sender ${sender.address}`);
  }
  s.senderAddress = sender;
  const existing = await findUserByEmail(s.ctx.db, s.ctx.tenantId, sender.address);
  if (existing) {
    if (!existing.is_active) {
      note(s.trace, 'identify-sender', 'deactivated', `${sender.address} is user ${existing.id}, whose account is deactivated`);
      return reject(`the sender ${sender.address} has a deactivated account`);
    }
    s.sender = existing;
    note(s.trace, 'identify-sender', 'found', `${sender.address} is the ${existing.role} ${existing.name} (${existing.id})`);
    await noteOrganisation(s, existing, 'organisation-member');
    return next();
  }
  if (s.autoReply) {
    note(s.trace, 'identify-sender', 'unknown-automatic', `${sender.address} is no user; no account is made for automatic mail`);
    return next();
  }
  if (!s.department?.auto_create_customers) {
    note(s.trace, 'identify-sender', 'unknown-refused', `${sender.address} is no user, and department ${s.department?.name ?? '(none)'} does not create customers`);
    return reject(`unknown sender ${sender.address}, and the queue does not create customers`);
  }
  s.sender = await createUser(s.ctx, { email: sender.address, name: sender.name ?? undefined, role: 'customer' });
  note(s.trace, 'identify-sender', 'created', `${sender.address} was no user: created the customer ${s.sender.name} (${s.sender.id}), as department ${s.department.name} allows`);
  await noteOrganisation(s, s.sender, 'organisation-by-domain');
  return next();
}

async function noteOrganisation(s: PipelineState, user: UserRow, how: 'organisation-member' | 'organisation-by-domain'): Promise<void> {
  const domain = user.email.split('@')[1];
  const org = user.organisation_id ? await findOrganisationById(s.ctx.db, s.ctx.tenantId, user.organisation_id) : undefined;
  if (org) note(s.trace, 'identify-sender', how, how === 'organisation-by-domain' ? `joined organisation ${org.name}, which owns the domain ${domain}` : `member of organisation ${org.name}`);
  else if (how === 'organisation-by-domain') note(s.trace, 'identify-sender', 'organisation-none', `no organisation owns the domain ${domain}`);
}
