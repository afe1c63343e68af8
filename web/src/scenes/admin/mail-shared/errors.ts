/** The server's refusals, by field, for forms: the message of each named field, and what is left for the form as a whole. */
import { ApiError } from '../../../api/client.ts';

export interface FormErrors { fields: Record<string, string>; other: string | null }

/** Field errors by their top-level name (`oauth_config.client_id` → `oauth_config`). */
export function formErrors(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, other: null };
  const fields: Record<string, string> = {};
  for (const e of error.problem?.errors ?? []) {
    const name = e.field.replace(/^body\./, '').split('.')[0] ?? '';
    fields[name] = fields[name] ? `${fields[name]}; ${e.message}` : e.message;
  }
  const other = Object.keys(fields).length ? null : (error.problem?.detail ?? null);
  return { fields, other };
}
