import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { TEMPLATE_KEYS } from '../../mail/outbound/notifications/templates/template-variables.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let ticketA: { id: string; number: string };
let ticketB: { id: string; number: string };

const BASE = '/tickets/api/mail-templates';
const ONE = `${BASE}/confirmation.es/`;
const good = { subject: '[{{ticket.number}}] Recibido: {{ticket.subject}}', html: '<p>Hola {{recipient.name|cliente}}, abrimos {{ticket.number}}.</p><p><a href="{{ticket.url}}">Verlo</a></p>' };

/** PUT through inject(): the shared api() helper has no put. */
async function put(url: string, body: unknown, token?: string) {
  const res = await app.inject({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) } });
  return { status: res.statusCode, body: res.json(), contentType: String(res.headers['content-type']) };
}

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  const open = async (token: string, subject: string) =>
    (await api(app, token).post('/tickets/api/tickets/', { subject, messages: [{ body: 'No puedo entrar <b>hoy</b>.' }] })).body as { id: string; number: string };
  ticketA = await open(w.customer.token, 'No puedo entrar');
  ticketB = await open(w.otherCustomer.token, 'Outro tenant');
});
afterAll(async () => stopApiTest({ t, app }));

describe('who may call what', () => {
  it('needs credentials (401) on every route', async () => {
    expect((await api(app).get(`${BASE}/`)).status).toBe(401);
    expect((await api(app).get(ONE)).status).toBe(401);
    expect((await put(ONE, good)).status).toBe(401);
    expect((await api(app).delete(ONE)).status).toBe(401);
    expect((await api(app).post(`${BASE}/confirmation.es/preview/`, {})).status).toBe(401);
  });

  it('lets agents read, never write or preview; customers nothing (403)', async () => {
    expect((await api(app, w.agent.token).get(`${BASE}/`)).status).toBe(200);
    expect((await api(app, w.agent.token).get(ONE)).status).toBe(200);
    const denied = [
      await put(ONE, good, w.agent.token), await api(app, w.agent.token).delete(ONE),
      await api(app, w.agent.token).post(`${BASE}/confirmation.es/preview/`, {}),
      await api(app, w.customer.token).get(`${BASE}/`), await api(app, w.customer.token).get(ONE),
    ];
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect((await api(app, w.admin.token).get(ONE)).body.overridden).toBe(false);
  });

  it('answers 404 for a template that does not exist', async () => {
    for (const id of ['confirmation.fr', 'nope.es', 'confirmation', '.es']) {
      const r = await api(app, w.admin.token).get(`${BASE}/${id}/`);
      expect(r.status, id).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    expect((await put(`${BASE}/nope.es/`, good, w.admin.token)).status).toBe(404);
  });
});

describe('the list', () => {
  it('has every key in en, es and pt-BR, the effective template and its variables', async () => {
    const r = await api(app, w.agent.token).get(`${BASE}/`);
    expect(r.body.results).toHaveLength(TEMPLATE_KEYS.length * 3);
    expect(TEMPLATE_KEYS).toContain('mentioned');
    const newTicket = r.body.results.find((x: { id: string }) => x.id === 'new_ticket.pt-BR');
    expect(newTicket).toMatchObject({ key: 'new_ticket', language: 'pt-BR', overridden: false, updated_at: null });
    expect(newTicket.subject).toContain('{{ticket.number}}');
    expect(newTicket.variables).toContainEqual({ name: 'message.html', description: expect.any(String), kind: 'html' });
    expect(newTicket.variables).toContainEqual({ name: 'ticket.url', description: expect.any(String), kind: 'url' });
    expect(r.body.results.find((x: { id: string }) => x.id === 'confirmation.en').variables.map((v: { name: string }) => v.name)).not.toContain('message.text');
  });
});

describe('saving and resetting', () => {
  it('refuses a broken template with 422 naming the problem, and changes nothing', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ html: '<p>{{ticket.priority}} {{secret.key}}</p>' }, 'html', 'unknown variables: {{ticket.priority}}, {{secret.key}}'],
      [{ text: 'Hola {{recipient.name' }, 'text', 'unbalanced'],
      [{ html: '<p>x</p><script>alert(1)</script>' }, 'html', '<script>'],
      [{ html: '<a href="#" onclick="steal()">x</a>' }, 'html', 'event handler'],
      [{ html: '<a href="javascript:alert(1)">x</a>' }, 'html', 'javascript:'],
      [{ subject: '[{{ticket.number}}]\r\nBcc: evil@example.com' }, 'subject', 'one line'],
      [{ subject: 'Sin número' }, 'subject', '{{ticket.number}}'],
    ];
    for (const [change, field, words] of cases) {
      const r = await put(ONE, { ...good, ...change }, w.admin.token);
      expect(r.status, JSON.stringify(change)).toBe(422);
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.errors).toContainEqual({ field, message: expect.stringContaining(words) });
    }
    expect((await api(app, w.admin.token).get(ONE)).body.overridden).toBe(false);
    expect((await api(app, w.admin.token).get('/tickets/api/audit-log/?name=mail_template.saved')).body.results).toEqual([]);
  });

  it('saves an override (text derived from the HTML), records it, and shows it only in this tenant', async () => {
    const r = await put(ONE, good, w.admin.token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'confirmation.es', overridden: true, subject: good.subject, updated_by: w.admin.user.id });
    expect(r.body.text).toBe('Hola {{recipient.name|cliente}}, abrimos {{ticket.number}}.\n\nVerlo [{{ticket.url}}]\n');
    expect(r.body.builtin.subject).toBe('[{{ticket.number}}] {{ticket.subject}}');
    const listed = (await api(app, w.agent.token).get(`${BASE}/`)).body.results.find((x: { id: string }) => x.id === 'confirmation.es');
    expect(listed).toMatchObject({ overridden: true, subject: good.subject });
    const other = await api(app, w.otherAdmin.token).get(ONE);
    expect(other.body).toMatchObject({ overridden: false, subject: '[{{ticket.number}}] {{ticket.subject}}' });
    const audit = await api(app, w.admin.token).get('/tickets/api/audit-log/?name=mail_template.saved');
    expect(audit.body.results[0]).toMatchObject({
      actor_id: w.admin.user.id, subject_type: 'mail_template', subject_id: 'confirmation.es',
      payload: { key: 'confirmation', language: 'es', subject: good.subject, text_derived: true },
    });
  });

  it('resets to the built-in template, recorded once; resetting again changes nothing', async () => {
    await put(ONE, good, w.admin.token);
    const r = await api(app, w.admin.token).delete(ONE);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ overridden: false, subject: '[{{ticket.number}}] {{ticket.subject}}', updated_at: null });
    expect((await api(app, w.admin.token).delete(ONE)).status).toBe(200);
    const audit = await api(app, w.admin.token).get('/tickets/api/audit-log/?name=mail_template.reset');
    expect(audit.body.results).toHaveLength(1);
    expect(audit.body.results[0]).toMatchObject({ subject_id: 'confirmation.es', payload: { key: 'confirmation', language: 'es' } });
  });
});

describe('preview', () => {
  const preview = (token: string, id: string, body: unknown) => api(app, token).post(`${BASE}/${id}/preview/`, body);

  it('renders a draft against a sample ticket, escaped in HTML, storing nothing', async () => {
    const r = await preview(w.admin.token, 'assigned.en', { subject: '[{{ticket.number}}] For {{recipient.name}}', html: '<p>{{actor.name}} gave you <a href="{{ticket.url}}">{{ticket.subject}}</a></p>' });
    expect(r.status).toBe(200);
    expect(r.body.subject).toBe('[TK-000042] For Ada Admin');
    expect(r.body.text).toContain('Hello Ada Admin'); // the current text part, as it is
    expect(r.body.html).toMatch(/Ada Admin gave you <a href="https?:\/\/[^"]+\/tickets\/[0-9a-f-]{36}\/"/);
    expect(r.body.text_derived).toBe(false);
    expect((await api(app, w.admin.token).get(`${BASE}/assigned.en/`)).body.overridden).toBe(false);
  });

  it('renders a real ticket the admin can see; another tenant\'s is 404', async () => {
    const r = await preview(w.admin.token, 'new_ticket.es', { ticket_id: ticketA.id, text: '' });
    expect(r.status).toBe(200);
    expect(r.body.subject).toContain(`[${ticketA.number}]`);
    expect(r.body.text).toContain('No puedo entrar <b>hoy</b>.');
    expect(r.body.html).toContain('No puedo entrar &lt;b&gt;hoy&lt;/b&gt;.');
    expect(r.body.text_derived).toBe(true);
    const other = await preview(w.admin.token, 'new_ticket.es', { ticket_id: ticketB.id });
    expect(other.status).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a draft that could not be saved (422)', async () => {
    const r = await preview(w.admin.token, 'confirmation.es', { html: '<p>{{message.text}}</p>' });
    expect(r.status).toBe(422);
    expect(r.body.errors).toEqual([{ field: 'html', message: expect.stringContaining('unknown variables: {{message.text}}') }]);
  });
});
