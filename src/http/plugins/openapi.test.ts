/** The OpenAPI document declares the multipart forms of the routes that take attachments. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildApp } from '../app.ts';

let t: TestRuntime;
let app: FastifyInstance;
// The document is plain JSON; the assertions below walk it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;

beforeAll(async () => {
  t = await createTestRuntime();
  app = await buildApp(t.rt);
  const res = await app.inject({ method: 'GET', url: '/tickets/api/openapi.json' });
  expect(res.statusCode).toBe(200);
  doc = res.json();
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('/tickets/api/openapi.json', () => {
  for (const [path, jsonRef, fields] of [
    ['/tickets/api/tickets/', 'CreateTicket', ['subject', 'department', 'priority', 'requester', 'tags', 'body', 'attachments']],
    ['/tickets/api/tickets/{id}/reply/', 'Reply', ['body', 'message_type', 'status', 'attachments']],
    ['/tickets/api/tickets/{id}/notes/', 'Reply', ['body', 'attachments']],
  ] as const) {
    it(`declares JSON and multipart/form-data bodies for POST ${path}`, () => {
      const body = doc.paths[path].post.requestBody;
      expect(Object.keys(body.content).sort()).toEqual(['application/json', 'multipart/form-data']);
      expect(JSON.stringify(body.content['application/json'].schema)).toContain(jsonRef);
      const form = body.content['multipart/form-data'].schema;
      expect(form.type).toBe('object');
      for (const f of fields) expect(form.properties, f).toHaveProperty(f);
      expect(form.properties.attachments).toMatchObject({ type: 'array', items: { type: 'string', format: 'binary' } });
      expect(Object.keys(doc.paths[path].post.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
    });
  }

  it('keeps JSON-only routes JSON-only', () => {
    expect(Object.keys(doc.paths['/tickets/api/tags/'].post.requestBody.content)).toEqual(['application/json']);
    expect(Object.keys(doc.paths['/tickets/api/tickets/{id}/'].patch.requestBody.content)).toEqual(['application/json']);
  });

  it('gives every operation a unique camelCase operationId, a summary and its error responses', () => {
    const ids: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { operationId?: string; summary?: string; responses?: object }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method.toUpperCase()} ${path} has no entry in schemas/operation-ids.ts`).toMatch(/^[a-z][A-Za-z]+$/);
        expect(op.summary, `${method.toUpperCase()} ${path}`).toBeTruthy();
        ids.push(op.operationId!);
      }
    }
    expect(ids.length).toBeGreaterThan(50);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

