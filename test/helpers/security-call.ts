/**
 * Requests for the security suites: one call through inject() with JSON, multipart or a
 * raw body, the problem fields two denials must share, and the leak check (a secret
 * that reaches someone who did not send it).
 */
import type { FastifyInstance } from 'fastify';
import { formData } from './api.ts';

export interface Call {
  method: string;
  url: string;
  token?: string;
  json?: unknown;
  /** Text fields and one small file, as curl -F sends them. */
  form?: Record<string, string>;
  raw?: { payload: string | Buffer; contentType?: string };
}

export interface Answer {
  status: number;
  raw: string;
  headers: Record<string, unknown>;
  // The JSON the route sent, whatever its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  contentType: string;
}

export const PNG_BYTES = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(64)]);

let uploads = 0;

export function fillPath(path: string, id: string | number | undefined): string {
  return id === undefined ? path : path.replace('{id}', encodeURIComponent(String(id)));
}

export function requestText(c: Call): string {
  return `${c.url}\n${c.json === undefined ? '' : JSON.stringify(c.json)}\n${c.form ? JSON.stringify(c.form) : ''}`;
}

export async function send(app: FastifyInstance, c: Call): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (c.token) headers.authorization = `Bearer ${c.token}`;
  let payload: string | Buffer | undefined;
  if (c.form) {
    // Distinct bytes on every call: the store keeps one copy of equal content, which would hide a second orphan.
    const content = Buffer.concat([PNG_BYTES, Buffer.from(`upload ${++uploads}`)]);
    const f = formData(c.form, [{ field: 'attachments', filename: 'photo.png', contentType: 'image/png', content }]);
    payload = f.payload;
    headers['content-type'] = f.contentType;
  } else if (c.raw) {
    payload = c.raw.payload;
    if (c.raw.contentType) headers['content-type'] = c.raw.contentType;
  } else if (c.json !== undefined) {
    payload = JSON.stringify(c.json);
    headers['content-type'] = 'application/json';
  }
  const res = await app.inject({ method: c.method as 'GET', url: c.url, headers, ...(payload !== undefined && { payload }) });
  let body: unknown = res.body;
  try { body = JSON.parse(res.body); } catch { /* not JSON */ }
  return { status: res.statusCode, raw: res.body, headers: res.headers, body, contentType: String(res.headers['content-type'] ?? '') };
}

/** What two denials must share: status, type, title, detail and field errors (never the request id or URL). */
export function problemOf(a: Answer): string {
  if (!a.contentType.startsWith('application/problem+json')) return `${a.status} (not problem+json: ${a.contentType}) ${a.raw.slice(0, 120)}`;
  const b = a.body as { type?: string; title?: string; detail?: string; errors?: unknown };
  return JSON.stringify({ status: a.status, type: b.type, title: b.title, detail: b.detail, errors: b.errors });
}

/** The secrets found in an answer, except those the request itself carried (an echo is no leak). */
export function leaksIn(secrets: string[], call: Call, a: Answer): string[] {
  const sent = requestText(call);
  const seen = `${a.raw}\n${JSON.stringify(a.headers)}`;
  return secrets.filter((x) => x && !sent.includes(x) && seen.includes(x));
}

/** Fails with every problem found, one a line (an assertion diff would cut the list short). */
export function assertNone(failures: string[]): void {
  if (failures.length) throw new Error(`${failures.length} problem(s):\n${failures.join('\n')}`);
}
