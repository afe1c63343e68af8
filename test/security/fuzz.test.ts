/**
 * Hostile input on every route that takes a body, derived from the OpenAPI request
 * schemas and the route policy table's valid bodies: every answer is a 4xx problem+json
 * or a success (never a 5xx, never a dropped connection), a case that must be refused is
 * refused, and a refused request changes nothing (rows of every table, stored files).
 * Oversized and malformed bodies go over real HTTP, where a reset connection shows.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApiTest, stopApiTest } from '../helpers/api-test.ts';
import { snapshotDatabase, snapshotDiff, type Snapshot } from '../helpers/db-snapshot.ts';
import { fuzzCases, type FuzzCase } from '../helpers/fuzz-cases.ts';
import { listOperations } from '../helpers/openapi-operations.ts';
import { assertNone, fillPath, PNG_BYTES, send } from '../helpers/security-call.ts';
import { buildSecurityWorld } from '../helpers/security-world.ts';
import { formData } from '../helpers/api.ts';
import { routePolicy } from './route-policy.ts';

// A small file limit keeps the oversized-upload cases cheap.
const MAX_FILE = 256 * 1024;
const api = await startApiTest({ PARLEY_MAX_BODY_BYTES: String(MAX_FILE) });
const s = await buildSecurityWorld(api.t.rt, api.w);
const doc = (await api.app.inject({ method: 'GET', url: '/tickets/api/openapi.json' })).json();
const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const operations = listOperations(doc).filter((o) => WRITES.has(o.method) && (o.requestSchema || routePolicy[o.key]?.multipart));
let base = '';

beforeAll(async () => {
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
});
afterAll(() => stopApiTest(api));

interface Sent { status: number; contentType: string; text: string }

/** Over real HTTP; a dropped connection or a socket error is a status of 0 with the error. */
async function overHttp(method: string, url: string, token: string | undefined, body: Buffer | string, contentType: string | null): Promise<Sent> {
  try {
    const res = await fetch(`${base}${url}`, {
      method, body: typeof body === 'string' ? body : new Uint8Array(body),
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(contentType && { 'content-type': contentType }) },
    });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
  } catch (err) {
    return { status: 0, contentType: '', text: `connection failed: ${(err as Error).cause ?? err}` };
  }
}

/**
 * The state after the last case, which is the state before the next one: one snapshot
 * per case instead of two. Reset at the start of every test (its set-up may write).
 */
let baseline: Snapshot | null = null;
beforeEach(() => { baseline = null; });

/** Sends one case and records what is wrong with the answer. */
async function check(failures: string[], name: string, mustReject: boolean, run: () => Promise<Sent>): Promise<Sent> {
  const before = baseline ?? await snapshotDatabase(s.rt);
  const a = await run();
  const after = await snapshotDatabase(s.rt);
  baseline = after;
  const where = `${name} → ${a.status}`;
  if (a.status === 0 || a.status >= 500) failures.push(`${where}: ${a.text.slice(0, 160)}`);
  else if (mustReject && a.status < 400) failures.push(`${where}: accepted`);
  if (a.status >= 400 && !a.contentType.startsWith('application/problem+json')) failures.push(`${where}: not problem+json (${a.contentType}) ${a.text.slice(0, 80)}`);
  if (a.status >= 400) {
    const diff = snapshotDiff(before, after);
    if (diff.length) failures.push(`${where}: the refused request changed ${diff.join(', ')}`);
  }
  return a;
}

const viaInject = (method: string, url: string, token: string | undefined, c: Pick<FuzzCase, 'payload' | 'contentType'>) => async (): Promise<Sent> => {
  const a = await send(api.app, { method, url, token, raw: { payload: c.payload, contentType: c.contentType } });
  return { status: a.status, contentType: a.contentType, text: a.raw };
};

describe('fuzzing covers the write routes', () => {
  it('finds the routes with a body in the OpenAPI document', () => {
    expect(operations.map((o) => o.key)).toEqual(expect.arrayContaining(['POST /tickets/api/tickets/', 'PATCH /tickets/api/settings/', 'POST /tickets/api/tags/']));
  });
});

for (const op of operations) {
  const p = routePolicy[op.key];
  if (!p) continue; // the isolation suite fails on a route without a policy entry
  describe(op.key, () => {
    let url = '';
    const token = s.token(p.legit.actor);
    beforeAll(async () => { url = fillPath(op.path, await p.legit.target?.(s)); });

    it('refuses or survives hostile JSON bodies, and a refusal changes nothing', async () => {
      const failures: string[] = [];
      for (const c of fuzzCases(op.requestSchema, p.body?.(s), op.requestRequired)) {
        await check(failures, c.name, c.mustReject, viaInject(op.method, url, token, c));
        if (c.twice) await check(failures, `${c.name} (again)`, c.mustReject, viaInject(op.method, url, token, c));
      }
      assertNone(failures);
    });

    it('answers 413 problem+json over HTTP to a body over the limit, without dropping the connection', async () => {
      const failures: string[] = [];
      const huge = `{"zz":"${'a'.repeat(3 * 1024 * 1024)}"}`;
      const a = await check(failures, 'a 3 MB JSON body', true, () => overHttp(op.method, url, token, huge, 'application/json'));
      if (a.status !== 413) failures.push(`a 3 MB JSON body → ${a.status}, expected 413`);
      await check(failures, 'malformed JSON over HTTP', true, () => overHttp(op.method, url, token, '{"a": [1, 2', 'application/json'));
      await check(failures, 'no content type over HTTP', true, () => overHttp(op.method, url, token, 'x', null));
      assertNone(failures);
    });

    if (p.multipart) {
      it('refuses malformed multipart with a 4xx problem, stores nothing, and answers 413 to an oversized file', async () => {
        const failures: string[] = [];
        const good = formData(p.multipart!, [{ field: 'attachments', filename: 'photo.png', contentType: 'image/png', content: PNG_BYTES }]);
        const boundary = good.contentType.split('boundary=')[1];
        const cases: Array<[string, Buffer | string, string | null]> = [
          ['multipart without a boundary', good.payload, 'multipart/form-data'],
          ['multipart with the wrong boundary', good.payload, 'multipart/form-data; boundary=not-the-boundary'],
          ['truncated multipart', good.payload.subarray(0, good.payload.length - 40), good.contentType],
          ['multipart with no parts', `--${boundary}--\r\n`, good.contentType],
          ['multipart garbage', 'this is not multipart at all', good.contentType],
        ];
        for (const [name, body, type] of cases) await check(failures, name, true, () => overHttp(op.method, url, token, body, type));
        const big = formData(p.multipart!, [
          { field: 'attachments', filename: 'small.png', contentType: 'image/png', content: Buffer.concat([PNG_BYTES, Buffer.from('small one')]) },
          { field: 'attachments', filename: 'big.png', contentType: 'image/png', content: Buffer.concat([PNG_BYTES, Buffer.alloc(MAX_FILE * 2, 7)]) },
        ]);
        const a = await check(failures, 'a file over the size limit', true, () => overHttp(op.method, url, token, big.payload, big.contentType));
        if (a.status !== 413) failures.push(`a file over the size limit → ${a.status}, expected 413`);
        const refused = formData(p.multipart!, [
          { field: 'attachments', filename: 'fine.png', contentType: 'image/png', content: Buffer.concat([PNG_BYTES, Buffer.from('fine one')]) },
          { field: 'attachments', filename: 'run.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ refused type') },
        ]);
        await check(failures, 'a refused file type beside an allowed one', true, () => overHttp(op.method, url, token, refused.payload, refused.contentType));
        assertNone(failures);
      });
    }
  });
}
