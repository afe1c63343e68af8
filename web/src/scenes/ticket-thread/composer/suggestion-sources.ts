/**
 * What `/` and `@` offer in the composer. `/`: the canned replies for the ticket's
 * department, filtered by name and shortcut, inserted with their variables filled from the
 * ticket and the person writing. `@` (internal notes only): active staff, inserted as
 * `@` + the local part of their address, which src/domain/user-notifications/find-mentions.ts
 * resolves to exactly that person.
 */
import type { Me, TicketWithThread } from '../../../api/types.ts';
import { fillVariables, type CannedReplyValues } from '../../../../../src/domain/canned-replies/canned-reply-variables.ts';
import type { StaffUser } from '../side-panel-queries.ts';
import type { CannedReply } from './canned-replies-queries.ts';
import { textToHtml } from './editor-value.ts';
import type { SuggestionSource } from './suggestion-menu.ts';

const MAX_ITEMS = 8;
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const firstWord = (s: string) => s.trim().split(/\s+/)[0] ?? '';

/** The values of the variables on this ticket, for this person. */
export function variableValues(ticket: TicketWithThread, me: Me): CannedReplyValues {
  const requester = ticket.requester;
  return {
    'ticket.number': ticket.number, 'ticket.subject': ticket.subject,
    'requester.name': requester?.name ?? '', 'requester.first_name': firstWord(requester?.name ?? ''), 'requester.email': requester?.email ?? '',
    'agent.name': me.name, 'agent.first_name': firstWord(me.name), 'department.name': ticket.department.name,
  };
}

export function cannedSource(replies: CannedReply[], values: CannedReplyValues): SuggestionSource {
  return {
    items: (query) => {
      const q = fold(query);
      return replies.filter((r) => !q || fold(r.name).includes(q) || (r.shortcut && fold(r.shortcut).includes(q)))
        .slice(0, MAX_ITEMS).map((r) => ({ id: r.id, label: r.name, detail: r.shortcut ? `/${r.shortcut}` : undefined }));
    },
    pick: (editor, range, item) => {
      const reply = replies.find((r) => r.id === item.id);
      if (!reply) return;
      const html = reply.body_html ? fillVariables(reply.body_html, values, true) : textToHtml(fillVariables(reply.body, values));
      editor.chain().focus().deleteRange(range).insertContent(html).run();
    },
  };
}

/** The name a mention inserts: the local part of the address, which names one person. */
export const mentionWord = (u: Pick<StaffUser, 'email'>) => u.email.split('@')[0] ?? '';

export function mentionSource(staff: StaffUser[], meId: string): SuggestionSource {
  return {
    items: (query) => {
      const q = fold(query);
      return staff.filter((u) => u.id !== meId && (!q || fold(u.name).includes(q) || fold(u.email).startsWith(q)))
        .slice(0, MAX_ITEMS).map((u) => ({ id: u.id, label: u.name, detail: `@${mentionWord(u)}` }));
    },
    pick: (editor, range, item) => {
      const user = staff.find((u) => u.id === item.id);
      if (user) editor.chain().focus().deleteRange(range).insertContent(`@${mentionWord(user)} `).run();
    },
  };
}
