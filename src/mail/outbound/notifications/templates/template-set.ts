/**
 * The shape of one language's notification templates. Templates are data: plain strings
 * with `{{variables}}` (see ../render-template.ts), one file per language. Variables:
 * ticket.{number,subject,url,status}, recipient.name, requester.{name,email},
 * department.name, actor.name, message.{text,html}, tenant.name.
 */
export interface MailTemplate { subject: string; text: string; html: string }

export type TemplateKey =
  /** To the requester: we got your ticket. */
  | 'confirmation'
  /** To the assignee or the department's agents: a ticket arrived. */
  | 'new_ticket'
  /** To the requester and the ticket's recipients: an agent's answer. */
  | 'agent_reply'
  /** To the assignee or the department's agents: the customer wrote. */
  | 'customer_reply'
  /** To the agent a ticket was assigned to. */
  | 'assigned'
  /** To the agents of the department a ticket moved to. */
  | 'transferred'
  /** To the requester: the ticket is resolved; confirm or reopen. */
  | 'resolved';

export type TemplateSet = Readonly<Record<TemplateKey, MailTemplate>>;

/** Ticket number first in every subject: replies thread by it when a client drops In-Reply-To. */
export const TICKET_SUBJECT = '[{{ticket.number}}] {{ticket.subject}}';

/** The small print under every mail, in the HTML part. */
export const footerHtml = (line: string): string =>
  `<hr style="border:none;border-top:1px solid #ddd"><p style="color:#666;font-size:12px">${line}</p>`;
