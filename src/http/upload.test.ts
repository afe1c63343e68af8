/**
 * Uploads write nothing to the attachment store unless the whole request is accepted:
 * a refused part, a refused request, a failing transaction all leave the store as it
 * was; malformed and oversized bodies get 4xx problem+json, over a real socket too.
 */
import http from 'node:http';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, formData } from '../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../test/helpers/api-test.ts';
import { testDialect, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import type { World } from '../../test/helpers/world.ts';

const MAX_BODY = 8 * 1024 * 1024;
let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let ticketId: string;
let root: string;

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(32, 1)]);
type Files = Parameters<typeof formData>[1];

const upload = (token: string, url: string, fields: Record<string, string>, files: Files) => {
  const form = formData(fields, files);
  return app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': form.contentType }, payload: form.payload });
};

/** Every file under the store, blobs and staged temps alike, with its size. */
function filesOnDisk(dir = root): string[] {
  let out: string[] = [];
  for (const name of (() => { try { return readdirSync(dir); } catch { return []; } })()) {
    const p = join(dir, name);
    out = statSync(p).isDirectory() ? [...out, ...filesOnDisk(p)] : [...out, p.slice(root.length)];
  }
  return out.sort();
}

const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number) => {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ status });
};

beforeAll(async () => {
  ({ t, app, w } = await startApiTest({ PARLEY_MAX_BODY_BYTES: String(MAX_BODY) }));
  root = join(t.config.dataDir, 'attachments');
  ticketId = (await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Subidas', messages: [{ body: 'hola' }] })).body.id;
});
afterAll(async () => stopApiTest({ t, app }));

describe('a refused upload writes nothing', () => {
  it('a 5 MB allowed file beside a refused one: 415, and neither is on disk', async () => {
    const before = filesOnDisk();
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'dos ficheros' }, [
      { field: 'attachments', filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(5 * 1024 * 1024, 'a') },
      { field: 'attachments', filename: 'virus.exe', contentType: 'application/x-msdownload', content: 'MZ' },
    ]);
    expectProblem(res, 415);
    expect(filesOnDisk()).toEqual(before);
  });

  it('an allowed file before one over max_file_size: 413, nothing on disk', async () => {
    await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'max_file_size', value: String(1024 * 1024), updated_at: new Date().toISOString() }).execute();
    try {
      const before = filesOnDisk();
      const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'grande' }, [
        { field: 'attachments', filename: 'small.txt', contentType: 'text/plain', content: 'small and fine' },
        { field: 'attachments', filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(2 * 1024 * 1024, 'b') },
      ]);
      expectProblem(res, 413);
      expect(filesOnDisk()).toEqual(before);
    } finally {
      await t.rt.db.deleteFrom('settings').where('tenant_id', '=', w.tenantId).where('key', '=', 'max_file_size').execute();
    }
  });

  it('files of a request refused for its fields (422) or its ticket (404, 403) are not kept', async () => {
    const before = filesOnDisk();
    const file = (n: string): Files => [{ field: 'attachments', filename: `${n}.txt`, contentType: 'text/plain', content: `content of ${n}` }];
    expectProblem(await upload(w.customer.token, '/tickets/api/tickets/', { body: 'sin asunto' }, file('no-subject')), 422);
    expectProblem(await upload(w.stranger.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'no es mío' }, file('not-mine')), 404);
    expectProblem(await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/notes/`, { body: 'nota' }, file('customer-note')), 403);
    expect(filesOnDisk()).toEqual(before);
  });

  it('files whose transaction fails after they were stored are taken back out', async () => {
    await failAttachmentInserts(true);
    try {
      const before = filesOnDisk();
      const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'falla la base' },
        [{ field: 'attachments', filename: 'doomed.txt', contentType: 'text/plain', content: 'bytes that never get a row' }]);
      expect(res.statusCode).toBe(500);
      expect(filesOnDisk()).toEqual(before);
    } finally {
      await failAttachmentInserts(false);
    }
  });

  it('a failed request never takes away content an accepted attachment shares', async () => {
    const content = 'shared bytes, stored once';
    const ok = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'primero' }, [{ field: 'attachments', filename: 'a.txt', contentType: 'text/plain', content }]);
    expect(ok.statusCode).toBe(201);
    expectProblem(await upload(w.stranger.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'ajeno' }, [{ field: 'attachments', filename: 'b.txt', contentType: 'text/plain', content }]), 404);
    const download = await app.inject({ method: 'GET', url: ok.json().attachments[0].url, headers: { authorization: `Bearer ${w.customer.token}` } });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(content);
  });

  it('an accepted upload is stored once, under its hash, with no temp left', async () => {
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'captura' }, [{ field: 'attachments', filename: 'shot.png', contentType: 'image/png', content: PNG }]);
    expect(res.statusCode).toBe(201);
    expect(filesOnDisk().filter((f) => f.startsWith('/tmp/'))).toEqual([]);
  });
});

describe('malformed multipart bodies are 400, not 500', () => {
  const form = formData({ subject: 'x', body: 'y' }, [{ field: 'attachments', filename: 'a.txt', contentType: 'text/plain', content: 'abc' }]);
  for (const [what, contentType] of [
    ['no boundary', 'multipart/form-data'],
    ['an empty boundary', 'multipart/form-data; boundary='],
    ['a boundary the body does not use', 'multipart/form-data; boundary=not-the-one'],
  ] as const) {
    it(`with ${what}`, async () => {
      const before = filesOnDisk();
      for (const url of ['/tickets/api/tickets/', `/tickets/api/tickets/${ticketId}/reply/`]) {
        const res = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${w.customer.token}`, 'content-type': contentType }, payload: form.payload });
        expectProblem(res, 400);
        expect(res.json().type).toBe('https://parley.dev/problems/bad-request');
      }
      expect(filesOnDisk()).toEqual(before);
    });
  }

  it('a text field that decodes to a lone surrogate (UTF-16 part) is a 422', async () => {
    const boundary = 'b0undary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="body"\r\nContent-Type: text/plain; charset=utf-16le\r\n\r\n`),
      Buffer.from([0x61, 0x00, 0x00, 0xd8]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST', url: `/tickets/api/tickets/${ticketId}/reply/`,
      headers: { authorization: `Bearer ${w.customer.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload,
    });
    expectProblem(res, 422);
    expect(res.json().errors[0].field).toBe('body');
  });

  it('a body cut off in the middle of a file', async () => {
    const res = await app.inject({
      method: 'POST', url: `/tickets/api/tickets/${ticketId}/reply/`,
      headers: { authorization: `Bearer ${w.customer.token}`, 'content-type': form.contentType }, payload: form.payload.subarray(0, form.payload.length - 30),
    });
    expectProblem(res, 400);
  });
});

describe('a body over the limit, over a real connection', () => {
  let base: string;
  beforeAll(async () => { base = await app.listen({ port: 0, host: '127.0.0.1' }); });

  /** Sends the body in 64 KB writes (with Content-Length or chunked) and reports what came back. */
  const send = (payload: Buffer, contentType: string, chunked: boolean, agent: http.Agent | false = false) => new Promise<{ status?: number; body?: string; error?: string }>((resolve) => {
    const req = http.request(`${base}/tickets/api/tickets/`, {
      method: 'POST', agent, headers: { authorization: `Bearer ${w.agent.token}`, 'content-type': contentType, ...(!chunked && { 'content-length': payload.length }) },
    }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', (e) => resolve({ status: res.statusCode, error: e.message }));
    });
    req.on('error', (e) => resolve({ error: e.message }));
    const timer = setTimeout(() => { req.destroy(); resolve({ error: 'no answer within 10 s' }); }, 10_000);
    req.on('close', () => clearTimeout(timer));
    let at = 0;
    const step = () => {
      if (at >= payload.length) return void req.end();
      const more = req.write(payload.subarray(at, at + 65536));
      at += 65536;
      if (more) setImmediate(step); else req.once('drain', step);
    };
    step();
  });

  for (const chunked of [false, true]) {
    it(`answers 413 problem+json to a multipart upload ${chunked ? 'sent chunked' : 'with Content-Length'}`, async () => {
      const before = filesOnDisk();
      const big = formData({ subject: 'grande', body: 'x' }, [{ field: 'attachments', filename: 'huge.txt', contentType: 'text/plain', content: Buffer.alloc(MAX_BODY + 1024 * 1024, 'z') }]);
      const res = await send(big.payload, big.contentType, chunked);
      expect(res.error).toBeUndefined();
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body!)).toMatchObject({ status: 413, type: 'https://parley.dev/problems/payload-too-large' });
      expect(filesOnDisk()).toEqual(before);
    });

    it(`answers 413 problem+json to a file over the tenant's max_file_size ${chunked ? 'sent chunked' : 'with Content-Length'}`, async () => {
      await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'max_file_size', value: String(1024 * 1024), updated_at: new Date().toISOString() }).execute();
      try {
        const before = filesOnDisk();
        const big = formData({ subject: 'grande', body: 'x' }, [{ field: 'attachments', filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(3 * 1024 * 1024, 'y') }]);
        const res = await send(big.payload, big.contentType, chunked);
        expect(res.error).toBeUndefined();
        expect(res.status).toBe(413);
        expect(JSON.parse(res.body!)).toMatchObject({ status: 413 });
        expect(filesOnDisk()).toEqual(before);
      } finally {
        await t.rt.db.deleteFrom('settings').where('tenant_id', '=', w.tenantId).where('key', '=', 'max_file_size').execute();
      }
    });

    it(`answers 413 problem+json to a JSON body over the limit ${chunked ? 'sent chunked' : 'with Content-Length'}`, async () => {
      const body = Buffer.from(JSON.stringify({ subject: 'x', messages: [{ body: 'a'.repeat(3 * 1024 * 1024) }] }));
      const res = await send(body, 'application/json', chunked);
      expect(res.error).toBeUndefined();
      expect(res.status).toBe(413);
    });
  }

  it('answers the next request on the same keep-alive connection after refusing an upload', async () => {
    await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'max_file_size', value: String(1024 * 1024), updated_at: new Date().toISOString() }).execute();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = formData({ subject: 'grande', body: 'x' }, [{ field: 'attachments', filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(2 * 1024 * 1024, 'k') }]);
      const small = Buffer.from(JSON.stringify({ subject: 'después', messages: [{ body: 'ok' }] }));
      const bigJson = Buffer.from(JSON.stringify({ subject: 'x', messages: [{ body: 'a'.repeat(3 * 1024 * 1024) }] }));
      for (const chunked of [false, true]) {
        for (const [payload, type] of [[big.payload, big.contentType], [bigJson, 'application/json']] as const) {
          expect((await send(payload, type, chunked, agent)).status).toBe(413);
          const next = await send(small, 'application/json', chunked, agent);
          expect(next.error).toBeUndefined();
          expect(next.status).toBe(201);
        }
      }
    } finally {
      agent.destroy();
      await t.rt.db.deleteFrom('settings').where('tenant_id', '=', w.tenantId).where('key', '=', 'max_file_size').execute();
    }
  });
});

/** Makes every insert into attachments fail inside the transaction (a real database error). */
async function failAttachmentInserts(on: boolean): Promise<void> {
  const db = t.rt.db;
  if (testDialect === 'postgres') {
    if (on) {
      await sql`create or replace function parley_test_fail() returns trigger language plpgsql as $$ begin raise exception 'attachments refused by test'; end $$`.execute(db);
      await sql`create trigger parley_test_fail before insert on attachments for each row execute function parley_test_fail()`.execute(db);
    } else {
      await sql`drop trigger if exists parley_test_fail on attachments`.execute(db);
    }
  } else if (on) {
    await sql`create trigger parley_test_fail before insert on attachments begin select raise(abort, 'attachments refused by test'); end`.execute(db);
  } else {
    await sql`drop trigger if exists parley_test_fail`.execute(db);
  }
}
