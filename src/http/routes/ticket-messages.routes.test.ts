import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, formData } from '../../../test/helpers/api.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let ticketId: string;

const upload = (token: string, url: string, fields: Record<string, string>, files: Parameters<typeof formData>[1], headers: Record<string, string> = {}) => {
  const form = formData(fields, files);
  return app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}`, 'content-type': form.contentType, ...headers }, payload: form.payload });
};

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  ticketId = (await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Logs', department: 1, messages: [{ body: 'Falla', message_type: 'reply' }] })).body.id;
});
afterAll(async () => stopApiTest({ t, app }));

describe('POST /tickets/api/tickets/<id>/reply/', () => {
  it('takes the seed JSON reply', async () => {
    const res = await api(app, w.customer.token).post(`/tickets/api/tickets/${ticketId}/reply/`, {
      body: 'He probado los pasos que indicas y el problema persiste. Adjunto los logs del servidor.', message_type: 'reply',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ message_type: 'reply', channel: 'api', author: { email: 'carla@acme.example' } });
  });

  it('takes the seed multipart reply with an attachment (curl -F, octet-stream .log)', async () => {
    const log = 'ERROR 500 at /sites/create\n'.repeat(50);
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'Adjunto los logs del servidor' },
      [{ field: 'attachments', filename: 'error.log', contentType: 'application/octet-stream', content: log }]);
    expect(res.statusCode).toBe(201);
    const [att] = res.json().attachments;
    expect(att).toMatchObject({ filename: 'error.log', content_type: 'text/plain', size: log.length });
    const download = await app.inject({ method: 'GET', url: att.url, headers: { authorization: `Bearer ${w.agent.token}` } });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(log);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="error.log"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect((await app.inject({ method: 'GET', url: att.url, headers: { authorization: `Bearer ${w.stranger.token}` } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: att.url, headers: { authorization: `Bearer ${w.otherAdmin.token}` } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: att.url })).statusCode).toBe(401);
  });

  it('refuses a type outside the whitelist with 415 and stores nothing', async () => {
    const before = (await api(app, w.agent.token).get(`/tickets/api/tickets/${ticketId}/`)).body.messages.length;
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'mira esto' },
      [{ field: 'attachments', filename: 'virus.exe', contentType: 'application/x-msdownload', content: 'MZ' }]);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const after = (await api(app, w.agent.token).get(`/tickets/api/tickets/${ticketId}/`)).body.messages.length;
    expect(after).toBe(before);
  });

  it('refuses a file over max_file_size with 413', async () => {
    await t.rt.db.insertInto('settings').values({ tenant_id: w.tenantId, key: 'max_file_size', value: '2048', updated_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value: '2048' })).execute();
    const res = await upload(w.customer.token, `/tickets/api/tickets/${ticketId}/reply/`, { body: 'grande' },
      [{ field: 'attachments', filename: 'big.txt', contentType: 'text/plain', content: Buffer.alloc(4096, 'a') }]);
    expect(res.statusCode).toBe(413);
    await t.rt.db.deleteFrom('settings').where('tenant_id', '=', w.tenantId).where('key', '=', 'max_file_size').execute();
  });

  it('keeps note attachments from customers', async () => {
    const res = await upload(w.agent.token, `/tickets/api/tickets/${ticketId}/notes/`, { body: 'internal screenshot' },
      [{ field: 'attachments', filename: 'shot.png', contentType: 'image/png', content: Buffer.from('89504e470d0a1a0a', 'hex') }]);
    expect(res.statusCode).toBe(201);
    expect(res.json().message_type).toBe('note');
    const url = res.json().attachments[0].url;
    expect((await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${w.customer.token}` } })).statusCode).toBe(404);
    const inline = await app.inject({ method: 'GET', url: `${url}?inline=1`, headers: { authorization: `Bearer ${w.agent.token}` } });
    expect(inline.headers['content-type']).toBe('image/png');
    expect(inline.headers['content-disposition']).toMatch(/^inline/);
  });

  it('refuses notes from customers, empty bodies, other tenants and no credentials', async () => {
    expect((await api(app, w.customer.token).post(`/tickets/api/tickets/${ticketId}/notes/`, { body: 'x' })).status).toBe(403);
    expect((await api(app, w.customer.token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: 'x', message_type: 'note' })).status).toBe(403);
    const empty = await api(app, w.customer.token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].field).toBe('body');
    expect((await api(app, w.otherAdmin.token).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: 'x' })).status).toBe(404);
    expect((await api(app).post(`/tickets/api/tickets/${ticketId}/reply/`, { body: 'x' })).status).toBe(401);
  });

  it('sanitizes HTML bodies', async () => {
    const res = await api(app, w.agent.token).post(`/tickets/api/tickets/${ticketId}/reply/`, {
      body: '', body_html: '<p onclick="steal()">Hola <b>Carla</b><script>alert(1)</script><img src="https://x.example/a.png" onerror="x()"></p>',
    });
    expect(res.status).toBe(201);
    expect(res.body.body_html).toBe('<p>Hola <b>Carla</b><img src="https://x.example/a.png" /></p>');
    expect(res.body.body).toBe('Hola Carla');
  });

  it('creates a ticket from multipart with the attachment on the first message', async () => {
    const res = await upload(w.customer.token, '/tickets/api/tickets/', { subject: 'Con captura', department: '1', priority: 'low', body: 'ver adjunto' },
      [{ field: 'attachments', filename: 'captura.png', contentType: 'image/png', content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') }]);
    expect(res.statusCode).toBe(201);
    const thread = await api(app, w.customer.token).get(`/tickets/api/tickets/${res.json().id}/`);
    expect(thread.body.messages[0].attachments[0].filename).toBe('captura.png');
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer and does not create twice', async () => {
    const body = { subject: 'Una vez', messages: [{ body: 'solo una vez' }] };
    const first = await api(app, w.customer.token).post('/tickets/api/tickets/', body, { 'idempotency-key': 'k-1' });
    const again = await api(app, w.customer.token).post('/tickets/api/tickets/', body, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reuse = await api(app, w.customer.token).post('/tickets/api/tickets/', { ...body, subject: 'Otra' }, { 'idempotency-key': 'k-1' });
    expect(reuse.status).toBe(422);
    const otherUser = await api(app, w.colleague.token).post('/tickets/api/tickets/', body, { 'idempotency-key': 'k-1' });
    expect(otherUser.body.id).not.toBe(first.body.id);
  });
});
