import type { EventRow } from './events.repo.ts';

/** An audit log entry: what happened, to what, by whom, from where, with its details. */
export function presentEvent(e: EventRow) {
  return {
    id: Number(e.id),
    name: e.name,
    subject_type: e.subject_type,
    subject_id: e.subject_id,
    actor_id: e.actor_id,
    source: e.source,
    request_id: e.request_id,
    payload: JSON.parse(e.payload) as Record<string, unknown>,
    created_at: e.created_at,
  };
}
