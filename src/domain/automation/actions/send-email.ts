import { z } from 'zod';
import { unknownVariables } from '../../canned-replies/canned-reply-variables.ts';
import { findUserById } from '../../users/users.repo.ts';
import { defineActionType } from '../action-type.ts';

const template = (max: number) => z.string().trim().min(1).max(max).refine((s) => unknownVariables(s).length === 0, {
  message: 'unknown variable: the variables are those of canned replies ({{ticket.number}}, {{requester.name}}…)',
});

/** Automatic mail about the ticket to its requester, its assignee or an address; subject and body with `{{variables}}`. */
export const sendEmailAction = defineActionType({
  type: 'send_email',
  inTransaction: true,
  label: 'Send an email',
  config: z.object({
    to: z.enum(['requester', 'assignee', 'address']),
    address: z.email().optional().describe('when to is "address"'),
    subject: template(500),
    body: template(20_000),
  }).refine((c) => c.to !== 'address' || !!c.address, { path: ['address'], message: 'an address is required when sending to an address' }),
  async run({ ticket, ops, ctx, key }, config) {
    let to: string | undefined;
    if (config.to === 'requester') to = ticket.requester.email;
    else if (config.to === 'address') to = config.address;
    else if (ticket.assignee_id) to = (await findUserById(ctx.db, ctx.tenantId, ticket.assignee_id))?.email;
    if (!to) return 'nobody to send to (the ticket has no assignee)';
    const queued = await ops.sendMail({ to: [to], subject: await ops.fill(config.subject), text: await ops.fill(config.body) }, key);
    return queued ? `mail to ${to} queued` : `no mail to ${to} (sent before, or the address may not get automatic mail)`;
  },
});
