/** Who gets which mail for which event, through the real worker, outbox and an SMTP sink. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../../../test/helpers/api.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../../test/helpers/test-runtime.ts';
import { accessTokenFor, buildWorld, type World } from '../../../../test/helpers/world.ts';
import { updateDepartment } from '../../../domain/departments/update-department.ts';
import { updateSettings } from '../../../domain/settings/update-settings.ts';
import { createUser } from '../../../domain/users/create-user.ts';
import { buildApp } from '../../../http/app.ts';
import { insertJobs } from '../../../jobs/jobs.repo.ts';
import type { Runtime } from '../../../runtime.ts';

let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let world: World;
let seen = 0;

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* drain */ } };
/** The mails sent since the last call, as [recipient, subject] pairs, sorted. */
const fresh = () => {
  const out = sink.messages.slice(seen).map((m) => [m.envelope.to.join(','), m.parsed.subject ?? ''] as [string, string]);
  seen = sink.messages.length;
  return out.sort((a, b) => a.join().localeCompare(b.join()));
};
const freshMails = () => { const m = sink.messages.slice(seen); seen = sink.messages.length; return m; };

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  app = await buildApp(rt);
  world = await buildWorld(rt);
  const system = rt.systemCtx(world.tenantId);
  await updateDepartment(system, 1, { addresses: ['soporte@example.com'] });
  await updateSettings(system, { mail_send_threshold: 1000 });
  await drain();
});
beforeEach(async () => { await drain(); fresh(); });
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await sink?.close();
});

async function customerTicket(token = world.customer.token, subject = 'Cannot log in') {
  const r = await api(app, token).post('/tickets/api/tickets/', { subject, messages: [{ body: 'It says my password is wrong.' }] });
  expect(r.status).toBe(201);
  return r.body as { id: string; number: string };
}

describe('what is sent, to whom', () => {
  it('a new ticket: a confirmation (number, link, customer language) to the requester; the department agents told', async () => {
    const ticket = await customerTicket();
    await drain();
    const mails = freshMails();
    const confirmation = mails.find((m) => m.envelope.to.includes('carla@acme.example'))!;
    expect(confirmation.parsed.subject).toBe(`[${ticket.number}] Cannot log in`);
    expect(confirmation.parsed.text).toContain(`https://help.example/tickets/${ticket.id}/`);
    expect(confirmation.parsed.text).toContain('Hemos recibido tu solicitud'); // the tenant speaks Spanish
    expect(confirmation.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mails.map((m) => m.envelope.to.join()).sort()).toEqual(['agent@example.com', 'carla@acme.example']);
  });

  it('every job runs at least once: a rerun of the same event queues nothing more', async () => {
    await customerTicket();
    const job = await rt.db.selectFrom('jobs').selectAll().where('name', '=', 'notify.ticket_created').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await drain();
    expect(fresh()).toHaveLength(2);
    await insertJobs(rt.db, [{ tenantId: job.tenant_id, name: job.name, payload: JSON.parse(job.payload) }]);
    await drain();
    expect(fresh()).toEqual([]);
  });

  it('per department off switches: no confirmation, no agents', async () => {
    const { slug } = await rt.db.selectFrom('departments').select('slug').where('tenant_id', '=', world.tenantId).where('id', '=', 1).executeTakeFirstOrThrow();
    const off = { send_confirmation: false, notify_agents_on_new_ticket: false };
    await updateSettings(rt.systemCtx(world.tenantId), { department_notifications: { default: { send_confirmation: true, notify_agents_on_new_ticket: true }, departments: { [slug]: off } } });
    try {
      await customerTicket();
      await drain();
      expect(fresh()).toEqual([]);
    } finally {
      await updateSettings(rt.systemCtx(world.tenantId), { department_notifications: { default: { send_confirmation: true, notify_agents_on_new_ticket: true }, departments: {} } });
    }
  });

  it('a note never reaches the customer; a customer reply reaches the department, then the assignee only', async () => {
    const ticket = await customerTicket();
    await drain(); fresh();
    expect((await api(app, world.agent.token).post(`/tickets/api/tickets/${ticket.id}/reply/`, { body: 'internal only', message_type: 'note' })).status).toBe(201);
    await drain();
    expect(fresh()).toEqual([]);
    expect((await api(app, world.customer.token).post(`/tickets/api/tickets/${ticket.id}/reply/`, { body: 'Any news?' })).status).toBe(201);
    await drain();
    expect(fresh()).toEqual([['agent@example.com', `[${ticket.number}] Nueva respuesta: Cannot log in`]]);
    // The admin assigns it to the agent: the agent is told; then the customer's reply goes to the agent alone.
    expect((await api(app, world.admin.token).patch(`/tickets/api/tickets/${ticket.id}/`, { assignee: world.agent.user.id })).status).toBe(200);
    await drain();
    expect(fresh()).toEqual([['agent@example.com', `[${ticket.number}] Asignado a ti: Cannot log in`]]);
    expect((await api(app, world.customer.token).post(`/tickets/api/tickets/${ticket.id}/reply/`, { body: 'Still broken.' })).status).toBe(201);
    await drain();
    expect(fresh()).toEqual([['agent@example.com', `[${ticket.number}] Nueva respuesta: Cannot log in`]]);
  });

  it('an agent who takes a ticket is not told; a transfer tells the new department; resolution asks the requester', async () => {
    const ticket = await customerTicket();
    await drain(); fresh();
    expect((await api(app, world.agent.token).patch(`/tickets/api/tickets/${ticket.id}/`, { assignee: world.agent.user.id })).status).toBe(200);
    await drain();
    expect(fresh()).toEqual([]);
    expect((await api(app, world.admin.token).patch(`/tickets/api/tickets/${ticket.id}/`, { department: world.salesDepartmentId })).status).toBe(200);
    await drain();
    expect(fresh()).toEqual([['sales@example.com', `[${ticket.number}] Transferido a Ventas: Cannot log in`]]);
    expect((await api(app, world.admin.token).patch(`/tickets/api/tickets/${ticket.id}/`, { status: 'resolved' })).status).toBe(200);
    await drain();
    const [resolved] = freshMails();
    expect(resolved!.envelope.to).toEqual(['carla@acme.example']);
    expect(resolved!.parsed.text).toContain('como resuelto');
    expect(resolved!.parsed.text).toContain(`https://help.example/tickets/${ticket.id}/`);
  });

  it('writes in the recipient language, and never to a no-reply address', async () => {
    const pt = await createUser(rt.systemCtx(world.tenantId), { email: 'paula@cliente.example', name: 'Paula', role: 'customer', language: 'pt-BR' });
    await customerTicket(await accessTokenFor(rt, pt), 'Senha');
    await drain();
    expect(freshMails().find((m) => m.envelope.to.includes('paula@cliente.example'))!.parsed.text).toContain('Recebemos sua solicitação');
    const robot = await createUser(rt.systemCtx(world.tenantId), { email: 'no-reply@vendor.example', name: 'Robot', role: 'customer' });
    await customerTicket(await accessTokenFor(rt, robot), 'Robot');
    await drain();
    expect(fresh()).toEqual([['agent@example.com', expect.stringContaining('Nuevo ticket: Robot')]]);
  });
});
