/**
 * The one way the app talks to the API: same-origin fetch with the session cookie, the
 * CSRF token on every state-changing request, and errors as ApiError carrying the
 * server's problem+json (field errors included) so forms can show them by the field.
 */
import type { Problem } from './types.ts';

export const API = '/tickets/api';
let csrfToken: string | null = null;

/** Kept in memory only: the session answer (sign-in, or GET /auth/session/) hands it over. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** A failed request: its status and the problem details the server sent. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
  /** The message of one field of a 400/422 answer, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem?.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

/** Calls the API with a JSON body, or a FormData one (multipart, for files); answers the parsed JSON (undefined for 204). */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(`${API}${path}`, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data as Problem | null);
  return data as T;
}

/**
 * The multipart form of a JSON body plus files in `attachments` (src/http/schemas/multipart.schema.ts):
 * flat fields, arrays as repeated fields. Without files, the JSON body itself.
 */
export function withFiles(body: Record<string, unknown>, files: readonly File[]): Record<string, unknown> | FormData {
  if (files.length === 0) return body;
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, String(v));
  }
  for (const file of files) form.append('attachments', file, file.name);
  return form;
}

/** A query string from the set values only. */
export function queryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) q.set(key, value);
  const s = q.toString();
  return s ? `?${s}` : '';
}
