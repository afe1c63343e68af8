/**
 * What an action may do, as Parley's automation: every change goes through the commands
 * people use (updateTicket applies every rule and records every event), mail through the
 * outbox as automatic mail, webhooks through the outbound guard. Built-in actions and
 * plugins use these, so a plugin needs no import of Parley's internals.
 */
import { postWebhook } from '../../webhooks/post-webhook.ts';
import { outboundPolicy } from '../../net/outbound-guard.ts';
import { queueOnce } from '../../mail/outbound/notifications/queue-once.ts';
import { loadTicketScope, scopeChain, scopeSender, type NotifyDeps } from '../../mail/outbound/notifications/ticket-scope.ts';
import { fillVariables, type CannedReplyValues } from '../canned-replies/canned-reply-variables.ts';
import { findDepartment } from '../departments/departments.repo.ts';
import type { Ctx } from '../shared/context.ts';
import { inTransaction } from '../shared/transaction.ts';
import { listTicketTagNames } from '../tags/tags.repo.ts';
import { appendMessage } from '../tickets/append-message.ts';
import { updateTicket, type UpdateTicketProps } from '../tickets/update-ticket.ts';
import { findUserById } from '../users/users.repo.ts';
import type { AutomationTicket } from './action-type.ts';
import { loadAutomationTicket } from './load-automation-ticket.ts';

export interface TicketOps {
  /** Changes fields as updateTicket does (status, priority, department, assignee, category…). */
  update(props: UpdateTicketProps): Promise<void>;
  addTags(tags: string[]): Promise<void>;
  removeTags(tags: string[]): Promise<void>;
  /** An internal note in the thread, by Parley. */
  addNote(text: string): Promise<void>;
  /** Automatic mail about the ticket (Auto-Submitted), from its department, once per key; answers whether it was queued. */
  sendMail(mail: { to: string[]; subject: string; text: string }, key: string): Promise<boolean>;
  /** POSTs JSON through the outbound guard (no internal address unless PARLEY_OUTBOUND_ALLOW); throws unless 2xx. */
  postJson(url: string, body: unknown): Promise<string>;
  /** A text with the ticket's `{{variables}}` filled as the ticket is now (the canned replies' set: docs/canned-replies.md). */
  fill(template: string): Promise<string>;
}

/** What the ops need beyond the context: the install's URL and From (mail), and the webhook deadline. */
export type OpsDeps = NotifyDeps & { webhookTimeoutMs?: number };

export function ticketOps(ctx: Ctx, deps: OpsDeps, ticket: AutomationTicket): TicketOps {
  const changeTags = (change: (tags: string[]) => string[]) => inTransaction(ctx, async (tx) => {
    const current = (await listTicketTagNames(tx.db, tx.tenantId, [ticket.id])).get(ticket.id) ?? [];
    await updateTicket(tx, ticket.id, { tags: change(current) });
  });
  return {
    update: async (props) => { await updateTicket(ctx, ticket.id, props); },
    addTags: (tags) => changeTags((current) => [...new Set([...current, ...tags])]),
    removeTags: (tags) => changeTags((current) => current.filter((t) => !tags.map((x) => x.toLowerCase()).includes(t.toLowerCase()))),
    addNote: async (text) => {
      await inTransaction(ctx, (tx) => appendMessage(tx, ticket.id, { messageType: 'note', body: text, authorId: null, channel: 'system' }));
    },
    async sendMail(mail, key) {
      // Read where the action runs: inside its run's transaction, that is the transaction's connection.
      const scope = await loadTicketScope({ ...deps, db: ctx.db }, ctx.tenantId, ticket.id);
      if (!scope) throw new Error('the ticket is gone');
      const sender = scopeSender(scope);
      const chain = await scopeChain(scope);
      const id = await inTransaction(ctx, (tx) => queueOnce(tx, `automation:${key}`, {
        ticketId: ticket.id, messageId: null, kind: 'notification', to: mail.to, from: sender.from, replyTo: sender.replyTo,
        subject: mail.subject, text: mail.text, inReplyTo: chain.inReplyTo, references: chain.references, automatic: true,
      }));
      return id !== null;
    },
    async postJson(url, body) {
      const result = await postWebhook(url, { 'user-agent': 'Parley-Automation/1' }, JSON.stringify(body), ctx.outbound ?? outboundPolicy(undefined), deps.webhookTimeoutMs ?? 10_000);
      if (!result.ok) throw new Error(result.error ?? 'the receiver refused it');
      return `answered ${result.status}`;
    },
    async fill(template) {
      // Read again: an earlier action of the trigger may have assigned or moved the ticket.
      const now = await loadAutomationTicket(ctx.db, ctx.tenantId, ticket.id);
      return fillVariables(template, await variableValues(ctx, now ?? ticket));
    },
  };
}

async function variableValues(ctx: Ctx, t: AutomationTicket): Promise<CannedReplyValues> {
  const first = (name: string) => name.trim().split(/\s+/)[0] ?? '';
  const department = await findDepartment(ctx.db, ctx.tenantId, t.department_id);
  const agent = t.assignee_id ? await findUserById(ctx.db, ctx.tenantId, t.assignee_id) : undefined;
  return {
    'ticket.number': t.number, 'ticket.subject': t.subject,
    'requester.name': t.requester.name, 'requester.first_name': first(t.requester.name), 'requester.email': t.requester.email,
    'agent.name': agent?.name ?? '', 'agent.first_name': first(agent?.name ?? ''),
    'department.name': department?.name ?? '',
  };
}
