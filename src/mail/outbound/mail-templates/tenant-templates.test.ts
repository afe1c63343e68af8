/** A tenant's own template reaches real mail: through the API, the notification tasks, the outbox and an SMTP sink. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../../test/helpers/api.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../../test/helpers/world.ts';
import { updateDepartment } from '../../../domain/departments/update-department.ts';
import { updateSettings } from '../../../domain/settings/update-settings.ts';
import { buildApp } from '../../../http/app.ts';
import type { Runtime } from '../../../runtime.ts';

let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let world: World;

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* drain */ } };
const ONE = '/tickets/api/mail-templates/confirmation.es/';

async function put(url: string, body: unknown, token: string) {
  const res = await app.inject({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
  expect(res.statusCode, res.body).toBe(200);
}

/** A new ticket from the customer; answers it and the mails it caused. */
async function newTicket(subject: string) {
  const before = sink.messages.length;
  const r = await api(app, world.customer.token).post('/tickets/api/tickets/', { subject, messages: [{ body: 'Help, please.' }] });
  expect(r.status).toBe(201);
  await drain();
  return { ticket: r.body as { id: string; number: string }, mails: sink.messages.slice(before) };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  app = await buildApp(rt);
  world = await buildWorld(rt);
  await updateDepartment(rt.systemCtx(world.tenantId), 1, { addresses: ['soporte@example.com'] });
  await updateSettings(rt.systemCtx(world.tenantId), { mail_send_threshold: 1000 });
  await drain();
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await sink?.close();
});

describe("a tenant's own template", () => {
  it('writes the confirmation mail, for this tenant only, until it is reset', async () => {
    await put(ONE, {
      subject: '[{{ticket.number}}] Recibido: {{ticket.subject}}',
      text: 'Hola {{recipient.name|cliente}}: abrimos {{ticket.number}} en {{tenant.name}}. {{ticket.url}}',
      html: '<p>Hola {{recipient.name|cliente}}: abrimos <a href="{{ticket.url}}">{{ticket.number}}</a> sobre «{{ticket.subject}}».</p>',
    }, world.admin.token);
    await put(ONE, { subject: '[{{ticket.number}}] OTRO-TENANT', html: '<p>OTRO-TENANT</p>' }, world.otherAdmin.token);

    const { ticket, mails } = await newTicket('Facturas <b>&</b> pagos');
    const confirmation = mails.find((m) => m.envelope.to.includes('carla@acme.example'))!;
    expect(confirmation.parsed.subject).toBe(`[${ticket.number}] Recibido: Facturas <b>&</b> pagos`);
    const tenant = await rt.db.selectFrom('tenants').select('name').where('id', '=', world.tenantId).executeTakeFirstOrThrow();
    expect(confirmation.parsed.text?.trim()).toBe(`Hola Carla Customer: abrimos ${ticket.number} en ${tenant.name}. https://help.example/tickets/${ticket.id}/`);
    expect(confirmation.parsed.html).toContain(`<a href="https://help.example/tickets/${ticket.id}/" rel="noopener noreferrer nofollow" target="_blank">${ticket.number}</a>`);
    expect(confirmation.parsed.html).toContain('«Facturas &lt;b&gt;&amp;&lt;/b&gt; pagos»');
    expect(confirmation.raw).not.toContain('OTRO-TENANT');
    // The agents' mail has no override: the built-in one.
    const agents = mails.find((m) => m.envelope.to.includes('agent@example.com'))!;
    expect(agents.parsed.subject).toBe(`[${ticket.number}] Nuevo ticket: Facturas <b>&</b> pagos`);

    expect((await api(app, world.admin.token).delete(ONE)).status).toBe(200);
    const again = await newTicket('Otra vez');
    const builtin = again.mails.find((m) => m.envelope.to.includes('carla@acme.example'))!;
    expect(builtin.parsed.subject).toBe(`[${again.ticket.number}] Otra vez`);
    expect(builtin.parsed.text).toContain('Hemos recibido tu solicitud');
  });

  it("writes an agent's reply too (the other road to composeMail)", async () => {
    await put('/tickets/api/mail-templates/agent_reply.es/', {
      subject: '[{{ticket.number}}] Respuesta de {{actor.name}}', html: '<div>{{message.html}}</div><p>PLANTILLA-PROPIA {{department.name}}</p>', text: '',
    }, world.admin.token);
    const { ticket } = await newTicket('Contraseña');
    const before = sink.messages.length;
    expect((await api(app, world.agent.token).post(`/tickets/api/tickets/${ticket.id}/reply/`, { body: 'Ya está arreglado.' })).status).toBe(201);
    await drain();
    const [reply] = sink.messages.slice(before);
    expect(reply!.envelope.to).toEqual(['carla@acme.example']);
    expect(reply!.parsed.subject).toBe(`[${ticket.number}] Respuesta de Alex Agent`);
    expect(reply!.parsed.text).toContain('Ya está arreglado.');
    expect(reply!.parsed.text).toContain('PLANTILLA-PROPIA');
    expect(reply!.parsed.html).toContain('PLANTILLA-PROPIA');
  });
});
