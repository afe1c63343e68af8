import type { AttachmentRow } from '../attachments/attachments.repo.ts';
import { presentUserSummary } from '../users/user.presenter.ts';
import type { MessageRow } from './messages.repo.ts';
import type { TicketDetails } from './ticket-details.ts';
import type { MessageType, Priority, Status } from './ticket-values.ts';
import type { TicketRow } from './tickets.repo.ts';
import { presentTicketSla } from '../sla/ticket-sla.presenter.ts';

/** A ticket as the API shows it (seed 000's fields, plus the rest of the model). */
export function presentTicket(t: TicketRow, d: TicketDetails) {
  const dep = d.departments.get(t.department_id);
  const requester = d.users.get(t.requester_id);
  const assignee = t.assignee_id ? d.users.get(t.assignee_id) : undefined;
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status as Status,
    priority: t.priority as Priority,
    department: { id: t.department_id, name: dep?.name ?? '', slug: dep?.slug ?? '' },
    requester: requester ? presentUserSummary(requester) : null,
    assignee: assignee ? presentUserSummary(assignee) : null,
    organisation: t.organisation_id,
    category: t.category,
    resolution: t.resolution,
    tags: d.tags.get(t.id) ?? [],
    recipients: d.recipients.get(t.id) ?? [],
    channel: t.channel,
    created_at: t.created_at,
    updated_at: t.updated_at,
    first_response_at: t.first_response_at,
    resolved_at: t.resolved_at,
    closed_at: t.closed_at,
    ...presentTicketSla(t),
  };
}

export function presentAttachment(a: AttachmentRow) {
  return {
    id: a.id,
    filename: a.filename,
    content_type: a.content_type,
    size: a.size,
    inline: Boolean(a.inline),
    content_id: a.content_id,
    url: `/tickets/api/attachments/${a.id}/`,
  };
}

/** A thread message; the author is summarised, attachments link to the guarded download. */
export function presentMessage(m: MessageRow, d: Pick<TicketDetails, 'users'>, attachments: AttachmentRow[]) {
  const author = m.author_id ? d.users.get(m.author_id) : undefined;
  return {
    id: m.id,
    message_type: m.message_type as MessageType,
    channel: m.channel,
    author: author ? presentUserSummary(author) : null,
    body: m.body,
    body_html: m.body_html && linkInlineImages(m.body_html, attachments),
    /** For mail: the original text with the quoted history and signature, shown collapsed. */
    quoted_text: m.quoted_text,
    time_spent: m.time_spent,
    attachments: attachments.map(presentAttachment),
    created_at: m.created_at,
  };
}

/**
 * Inline images in mail HTML point at `cid:` parts; in the thread they point at the
 * guarded download of the stored attachment, shown inline (raster images only).
 */
export function linkInlineImages(html: string, attachments: AttachmentRow[]): string {
  if (!html.includes('cid:')) return html;
  const byCid = new Map(attachments.filter((a) => a.content_id).map((a) => [a.content_id!.toLowerCase(), a]));
  return html.replace(/(["'])cid:([^"']+)\1/gi, (whole, quote: string, cid: string) => {
    const a = byCid.get(cid.trim().toLowerCase());
    return a ? `${quote}/tickets/api/attachments/${a.id}/?inline=1${quote}` : whole;
  });
}
