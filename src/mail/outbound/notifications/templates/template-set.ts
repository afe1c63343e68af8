/**
 * The shape of one language's notification templates. Templates are data: plain strings
 * with `{{variables}}` (see ../render-template.ts), one file per language; the variables
 * each key may use are listed in template-variables.ts. A tenant may replace any of them
 * per language (../../mail-templates/, docs/mail-templates.md).
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
  /** To an agent named with @ in an internal note. */
  | 'mentioned'
  /** To the requester: the ticket is resolved; confirm or reopen (links), and rate it when a survey is on (docs/satisfaction.md). */
  | 'resolved'
  /** To the assignee at the resolution: the requester rated it badly (docs/satisfaction.md). */
  | 'rated_bad'
  /** To the assignee or the department's agents: an SLA target is close to its due time (docs/sla.md). */
  | 'sla_warning'
  /** To the assignee or the department's agents: an SLA target's due time passed. */
  | 'sla_breached'
  /** To the requester: the ticket waits on them and will be closed for inactivity (docs/automation-inactivity.md). */
  | 'ticket_close_reminder'
  /** To the admins in report_recipients: the summary of the last day or week (docs/reports.md). */
  | 'report_summary';

export type TemplateSet = Readonly<Record<TemplateKey, MailTemplate>>;

/** Ticket number first in every subject: replies thread by it when a client drops In-Reply-To. */
export const TICKET_SUBJECT = '[{{ticket.number}}] {{ticket.subject}}';

/** The small print under every mail, in the HTML part. */
export const footerHtml = (line: string): string =>
  `<hr style="border:none;border-top:1px solid #ddd"><p style="color:#666;font-size:12px">${line}</p>`;
