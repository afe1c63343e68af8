/**
 * Attachment downloads: every denial is the same 404 as a missing row (no existence
 * oracle), and a file is shown inline only when its bytes are the raster image it claims.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, formData } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { createUser } from '../../domain/users/create-user.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let ticketId: string;
let replyAttachment: string;
let noteAttachment: string;
let noTicketingToken: string;

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(48, 7)]);
const HTML = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');

const upload = (token: string, url: string, fields: Record<string, string>, files: Parameters<typeof formData>[1]) => {
  const form = formData(fields, files);
  return app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': form.contentType }, payload: form.payload });
};
const get = (url: string, token?: string) => app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
const setSetting = (key: string, value: unknown) => t.rt.db.insertInto('settings')
  .values({ tenant_id: w.tenantId, key, value: JSON.stringify(value), updated_at: new Date().toISOString() })
  .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value: JSON.stringify(value) })).execute();
const dropSetting = (key: string) => t.rt.db.deleteFrom('settings').where('tenant_id', '=', w.tenantId).where('key', '=', key).execute();

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  const created = await upload(w.customer.token, '/tickets/api/tickets/', { subject: 'Con adjunto', body: 'mira' },
    [{ field: 'attachments', filename: 'captura.png', contentType: 'image/png', content: PNG }]);
  ticketId = created.json().id;
  replyAttachment = (await api(app, w.customer.token).get(`/tickets/api/tickets/${ticketId}/`)).body.messages[0].attachments[0].id;
  const note = await upload(w.agent.token, `/tickets/api/tickets/${ticketId}/notes/`, { body: 'interna' },
    [{ field: 'attachments', filename: 'interno.txt', contentType: 'text/plain', content: 'solo para agentes' }]);
  noteAttachment = note.json().attachments[0].id;
  await createUser(t.rt.systemCtx(w.tenantId), { email: 'nodesk@example.com', name: 'No Desk', role: 'agent', canAccessTicketing: false, password: 'a long enough password 1' });
  noTicketingToken = (await api(app).post('/tickets/api/auth/token/', { email: 'nodesk@example.com', password: 'a long enough password 1' })).body.access;
});
afterAll(async () => stopApiTest({ t, app }));

describe('GET /tickets/api/attachments/<id>/ denials', () => {
  it('answers every denial with the very problem a missing attachment gets', async () => {
    const url = (id: string) => `/tickets/api/attachments/${id}/`;
    const missing = await get(url('00000000-0000-4000-8000-000000000000'), w.customer.token);
    expect(missing.statusCode).toBe(404);
    const { type, title, status, detail } = missing.json();
    expect(detail).toBe('The attachment was not found.');
    expect(noTicketingToken).toBeTypeOf('string');
    const denials = {
      'another customer': await get(url(replyAttachment), w.stranger.token),
      "another tenant's admin": await get(url(replyAttachment), w.otherAdmin.token),
      "another tenant's customer": await get(url(replyAttachment), w.otherCustomer.token),
      'an agent without the department': await get(url(replyAttachment), w.restrictedAgent.token),
      'someone without ticketing access': await get(url(replyAttachment), noTicketingToken),
      'the customer, on an internal note': await get(url(noteAttachment), w.customer.token),
    };
    for (const [who, res] of Object.entries(denials)) {
      expect(res.statusCode, who).toBe(404);
      expect(res.headers['content-type'], who).toContain('application/problem+json');
      const p = res.json();
      expect({ type: p.type, title: p.title, status: p.status, detail: p.detail }, who).toEqual({ type, title, status, detail });
      expect(Object.keys(p).sort(), who).toEqual(Object.keys(missing.json()).sort());
    }
    expect((await get(url(replyAttachment), w.customer.token)).statusCode).toBe(200);
    expect((await get(url(noteAttachment), w.agent.token)).statusCode).toBe(200);
    expect((await get(url(replyAttachment))).statusCode).toBe(401);
  });

  it('answers replies and notes on a ticket one cannot see exactly as on a ticket that does not exist', async () => {
    const problem = async (token: string, id: string, kind: 'reply' | 'notes') => {
      const res = await api(app, token).post(`/tickets/api/tickets/${id}/${kind}/`, { body: 'hola' });
      return { status: res.status, type: res.body.type, title: res.body.title, detail: res.body.detail };
    };
    for (const kind of ['reply', 'notes'] as const) {
      const missing = await problem(w.agent.token, '00000000-0000-4000-8000-000000000000', kind);
      expect(missing.status).toBe(404);
      expect(await problem(w.otherAdmin.token, ticketId, kind)).toEqual(missing);
      expect(await problem(w.restrictedAgent.token, ticketId, kind)).toEqual(missing);
    }
    const missingReply = await problem(w.stranger.token, '00000000-0000-4000-8000-000000000000', 'reply');
    expect(await problem(w.stranger.token, ticketId, 'reply')).toEqual(missingReply);
  });
});

describe('inline display checks the bytes', () => {
  it('refuses HTML sent as image/png (x.png.html) when octet-stream is not accepted', async () => {
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'foto' },
      [{ field: 'attachments', filename: 'x.png.html', contentType: 'image/png', content: HTML }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().detail).toContain('is not the image/png file it claims to be');
  });

  it('stores HTML sent as image/png as application/octet-stream where that is accepted, and never shows it inline', async () => {
    await setSetting('allowed_mime_types', ['image/png', 'application/octet-stream', 'text/plain']);
    try {
      const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'foto' },
        [{ field: 'attachments', filename: 'x.png', contentType: 'image/png', content: HTML }]);
      expect(res.statusCode).toBe(201);
      const att = res.json().attachments[0];
      expect(att.content_type).toBe('application/octet-stream');
      const shown = await get(`${att.url}?inline=1`, w.agent.token);
      expect(shown.headers['content-type']).toBe('application/octet-stream');
      expect(shown.headers['content-disposition']).toMatch(/^attachment;/);
    } finally {
      await dropSetting('allowed_mime_types');
    }
  });

  it('stores a PNG by what its bytes are, whatever it was declared as', async () => {
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'foto' },
      [{ field: 'attachments', filename: 'screenshot.txt', contentType: 'text/plain', content: PNG }]);
    expect(res.statusCode).toBe(201);
    expect(res.json().attachments[0].content_type).toBe('image/png');
  });

  it('never shows inline a stored row whose bytes contradict its raster type (mail, older uploads)', async () => {
    const blob = await t.rt.attachments.putBuffer(w.tenantId, HTML);
    await t.rt.db.updateTable('attachments').set({ sha256: blob.sha256, size: blob.size })
      .where('tenant_id', '=', w.tenantId).where('id', '=', replyAttachment).execute();
    const shown = await get(`/tickets/api/attachments/${replyAttachment}/?inline=1`, w.customer.token);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('application/octet-stream');
    expect(shown.headers['content-disposition']).toMatch(/^attachment;/);
    expect(shown.headers['content-security-policy']).toContain('sandbox');
  });

  it('shows a real PNG inline as image/png', async () => {
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'foto buena' },
      [{ field: 'attachments', filename: 'ok.png', contentType: 'image/png', content: PNG }]);
    const shown = await get(`${res.json().attachments[0].url}?inline=1`, w.customer.token);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toMatch(/^inline;/);
  });
});

describe('stored file names', () => {
  it('loses bidi controls, control characters and paths', async () => {
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'nombres' }, [
      { field: 'attachments', filename: 'factura\u202Etxt.exe', contentType: 'text/plain', content: 'uno' },
      { field: 'attachments', filename: '..\\..\\\u2066a\u2069\u200Fb\u0007.txt', contentType: 'text/plain', content: 'dos' },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json().attachments.map((a: { filename: string }) => a.filename)).toEqual(['facturatxt.exe', 'ab.txt']);
  });
});
