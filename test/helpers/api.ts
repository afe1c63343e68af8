/** A thin client over Fastify's inject() for route tests: JSON in, JSON out. */
import type { FastifyInstance, InjectOptions } from 'fastify';

// Response bodies are whatever JSON the route sent; tests assert on their shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface ApiResponse<T = any> { status: number; body: T; headers: Record<string, string | number | string[] | undefined>; raw: string }

/** The fields a refusal (problem+json) names, in its order. */
export const fieldsOf = (body: { errors?: Array<{ field: string }> }): string[] => (body.errors ?? []).map((e) => e.field);

export function api(app: FastifyInstance, token?: string) {
  const call = async (method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> => {
    const res = await app.inject({
      method, url,
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(payload !== undefined && { 'content-type': 'application/json' }), ...headers },
      ...(payload !== undefined && { payload: JSON.stringify(payload) }),
    });
    let body: unknown = res.body;
    try { body = JSON.parse(res.body); } catch { /* not JSON */ }
    return { status: res.statusCode, body, headers: res.headers, raw: res.body };
  };
  return {
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => call('POST', url, payload ?? {}, headers),
    patch: (url: string, payload: unknown, headers?: Record<string, string>) => call('PATCH', url, payload, headers),
    delete: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}

/** A multipart/form-data body built by hand, as curl -F sends it. */
export function formData(fields: Record<string, string>, files: Array<{ field: string; filename: string; contentType: string; content: Buffer | string }>) {
  const boundary = `----parley${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
