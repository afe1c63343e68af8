/**
 * The server's refusals (400/422 problem+json) by field, for forms: each message under its
 * field's whole path and under its first segment, so that a form shows `sla_targets` or
 * `oauth_config` errors next to the control that holds them.
 */
import { ApiError } from '../api/client.ts';

/** `{ email: 'must be an email address', 'domains.1': '…' }` → keyed by the whole path and by its first segment. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const e of error.problem?.errors ?? []) {
    const field = e.field.replace(/^body\./, '');
    const message = field.includes('.') ? `${field.split('.').slice(1).join('.')}: ${e.message}` : e.message;
    out[field] ??= e.message;
    const first = field.split('.')[0] ?? field;
    out[first] = out[first] && out[first] !== message ? `${out[first]}; ${message}` : message;
  }
  return out;
}

/** Whether the refusal named fields (then they show by the fields; otherwise one message for the form). */
export const hasFieldErrors = (error: unknown): boolean => Object.keys(fieldErrors(error)).length > 0;

export interface FormErrors { fields: Record<string, string>; other: string | null }

/** The field errors, and, when the refusal named no field, the server's own explanation of it (a conflict, say). */
export function formErrors(error: unknown): FormErrors {
  const fields = fieldErrors(error);
  const other = error instanceof ApiError && !Object.keys(fields).length ? (error.problem?.detail ?? null) : null;
  return { fields, other };
}
