/**
 * The `data:` of a live event: which ticket (id and number) and what changed, enough for a
 * client to patch its cache or refetch. Never message bodies or note content; events that
 * are not about tickets say only what they concern (admins refetch what they show).
 */
import type { TicketRow } from '../domain/tickets/tickets.repo.ts';

export interface PresentableEvent {
  id: number;
  name: string;
  subjectType: string;
  subjectId: string;
  createdAt: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/** Payload fields that may go out, per event family; anything else stays on the server. */
const CHANGE_FIELDS = ['old', 'new'];
const TICKET_CREATED_FIELDS = ['status', 'priority', 'department_id', 'assignee_id', 'requester_id', 'channel'];
const MESSAGE_FIELDS = ['message_id', 'message_type', 'channel', 'author_id', 'attachments'];
/** A notification goes only to its recipient (event-visibility.ts): what it is about, so the bell updates without a refetch. */
const NOTIFICATION_FIELDS = ['notification_id', 'kind', 'ticket_id'];

export function presentLiveEvent(e: PresentableEvent, ticket: TicketRow | null) {
  const base = { event_id: e.id, name: e.name, actor_id: e.actorId, created_at: e.createdAt };
  if (e.name.startsWith('notification.')) return { ...base, subject_type: e.subjectType, subject_id: e.subjectId, ...pick(e.payload, NOTIFICATION_FIELDS) };
  if (e.subjectType !== 'ticket') return { ...base, subject_type: e.subjectType, subject_id: e.subjectId };
  const out: Record<string, unknown> = { ...base, ticket_id: e.subjectId, number: ticket?.number ?? e.payload.number ?? null };
  if (e.name === 'ticket.created') Object.assign(out, pick(e.payload, TICKET_CREATED_FIELDS));
  else if (e.name.startsWith('message.') || e.name.startsWith('note.')) Object.assign(out, pick(e.payload, MESSAGE_FIELDS));
  else if (e.name === 'ticket.updated') out.fields = Object.keys(asRecord(e.payload.changes));
  else if (e.name.startsWith('ticket.')) Object.assign(out, pick(e.payload, CHANGE_FIELDS));
  return out;
}

function pick(from: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? v as Record<string, unknown> : {});
