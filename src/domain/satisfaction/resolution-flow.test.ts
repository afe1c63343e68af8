/**
 * Resolution and satisfaction end to end (docs/satisfaction.md), through the real worker,
 * outbox, SMTP sink, public pages and inbound pipeline: resolve → mail → confirm link;
 * reopen and confirm by mail reply; the survey link → rating → the assignee told; refused
 * links change nothing; the portal's API; no survey when it is off.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { buildClientReply } from '../../../test/helpers/client-replies.ts';
import { deliver } from '../../../test/helpers/mail.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../../test/helpers/smtp-sink.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../../test/helpers/world.ts';
import { updateDepartment } from '../departments/update-department.ts';
import { updateSettings } from '../settings/update-settings.ts';
import { buildApp } from '../../http/app.ts';
import type { Runtime } from '../../runtime.ts';

let sink: SmtpSink;
let t: TestRuntime;
let rt: Runtime;
let app: FastifyInstance;
let w: World;
let seen = 0;

const drain = async () => { while ((await rt.worker.runOnce()) > 0) { /* drain */ } };
const freshMails = () => { const m = sink.messages.slice(seen); seen = sink.messages.length; return m; };
const settings = (s: Parameters<typeof updateSettings>[1]) => updateSettings(rt.systemCtx(w.tenantId), s);

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await createTestRuntime({ SMTP_URL: sink.url, PARLEY_BASE_URL: 'https://help.example' });
  rt = t.rt;
  app = await buildApp(rt);
  w = await buildWorld(rt);
  await updateDepartment(rt.systemCtx(w.tenantId), 1, { addresses: ['soporte@example.com'] });
  await settings({ mail_send_threshold: 1000, satisfaction_survey: true, satisfaction_scale: 'five' });
  await drain();
});
beforeEach(async () => { await drain(); freshMails(); });
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
  await sink?.close();
});

/** A ticket of the customer, assigned to the agent, resolved by the agent; answers the ticket and the resolution mail to the customer. */
async function resolvedTicket(subject = 'Cannot log in') {
  const created = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject, messages: [{ body: 'It says my password is wrong.' }] });
  expect(created.status).toBe(201);
  const ticket = created.body as { id: string; number: string };
  expect((await api(app, w.agent.token).patch(`/tickets/api/tickets/${ticket.id}/`, { assignee: w.agent.user.id })).status).toBe(200);
  await drain();
  freshMails();
  expect((await api(app, w.agent.token).patch(`/tickets/api/tickets/${ticket.id}/`, { status: 'resolved' })).status).toBe(200);
  await drain();
  const mail = freshMails().find((m) => m.envelope.to.includes('carla@acme.example'))!;
  expect(mail).toBeDefined();
  return { ticket, mail };
}

/** The resolution links of a mail, by action (rate links by rating), as paths to inject. */
function links(mail: ReceivedMail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (mail.parsed.text ?? '').matchAll(/https:\/\/help\.example(\/tickets\/resolution\/\?\S+)/g)) {
    const q = new URL(`https://x${m[1]}`).searchParams;
    out[q.get('action') === 'rate' ? `rate${q.get('rating') ?? ''}` : q.get('action')!] = m[1]!;
  }
  return out;
}

const get = (path: string) => app.inject({ method: 'GET', url: path });
/** The page's form, posted as a browser would: the hidden fields of the link plus `extra`. */
const post = (path: string, extra: Record<string, string> = {}) => {
  const q = new URL(`https://x${path}`).searchParams;
  const fields = new URLSearchParams({ token: q.get('token')!, tenant: q.get('tenant')!, action: q.get('action')!, ...extra });
  return app.inject({ method: 'POST', url: '/tickets/resolution/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: fields.toString() });
};
const ticketRow = (id: string) => rt.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: string, name: string) => rt.db.selectFrom('events').select(['name', 'payload', 'actor_id']).where('subject_id', '=', id).where('name', '=', name).execute();
const ratings = (id: string) => rt.db.selectFrom('satisfaction_ratings').selectAll().where('ticket_id', '=', id).execute();

describe('the resolution mail and its confirm link', () => {
  it('asks to confirm, in the requester\'s language, with confirm, reopen and rating links; a GET changes nothing, the POST closes', async () => {
    const { ticket, mail } = await resolvedTicket();
    expect(mail.parsed.subject).toBe(`[${ticket.number}] Cannot log in`);
    expect(mail.parsed.text).toContain('Confírmalo y cerraremos el ticket'); // the tenant speaks Spanish
    const l = links(mail);
    expect(Object.keys(l).sort()).toEqual(['confirm', 'rate1', 'rate2', 'rate3', 'rate4', 'rate5', 'reopen']);
    expect(mail.parsed.html).toContain('href="https://help.example/tickets/resolution/?token=');

    const page = await get(l.confirm!);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('Sí, quedó solucionado: cerrar el ticket');
    expect((await ticketRow(ticket.id)).status).toBe('resolved'); // a scanner's GET does nothing

    const done = await post(l.confirm!);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain(`el ticket ${ticket.number} está cerrado`);
    expect(done.body).toContain('action=rate'); // the survey is offered next
    const row = await ticketRow(ticket.id);
    expect(row.status).toBe('closed');
    expect(row.resolved_at).not.toBeNull();
    const [confirmed] = await events(ticket.id, 'ticket.resolution_confirmed');
    expect(JSON.parse(confirmed!.payload)).toMatchObject({ number: ticket.number, via: 'link' });
    expect(confirmed!.actor_id).toBe(w.customer.user.id);

    // Used: the same link again says so and changes nothing.
    const again = await post(l.confirm!);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('ya está cerrado');
    expect(await events(ticket.id, 'ticket.resolution_confirmed')).toHaveLength(1);
  });

  it('the reopen link reopens (ticket.status_changed from resolved); the old links then no longer apply', async () => {
    const { ticket, mail } = await resolvedTicket('Printer');
    const l = links(mail);
    expect((await post(l.reopen!)).statusCode).toBe(200);
    expect((await ticketRow(ticket.id)).status).toBe('open');
    const changes = (await events(ticket.id, 'ticket.status_changed')).map((e) => JSON.parse(e.payload) as { old: string; new: string });
    expect(changes.at(-1)).toMatchObject({ old: 'resolved', new: 'open' });
    const stale = await post(l.confirm!);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('el ticket cambió');
    expect((await ticketRow(ticket.id)).status).toBe('open');
  });
});

describe('answering the resolution mail', () => {
  it('a reply with a problem reopens the ticket as a normal reply', async () => {
    const { ticket, mail } = await resolvedTicket('VPN');
    await deliver(rt, buildClientReply(mail, { client: 'gmail', language: 'es', from: { name: 'Carla', address: 'carla@acme.example' }, newText: 'Sigue sin funcionar, me da el mismo error.' }));
    expect((await ticketRow(ticket.id)).status).toBe('open');
    expect(await events(ticket.id, 'ticket.resolution_confirmed')).toHaveLength(0);
  });

  it('a short reply that clearly confirms closes it, through the real pipeline (quoted history cut first)', async () => {
    const { ticket, mail } = await resolvedTicket('Email');
    const inbound = await deliver(rt, buildClientReply(mail, { client: 'outlook', language: 'es', from: { name: 'Carla', address: 'carla@acme.example' }, newText: 'Sí, resuelto. ¡Muchas gracias!' }));
    expect(inbound.status).toBe('processed');
    const row = await ticketRow(ticket.id);
    expect(row.status).toBe('closed');
    const [confirmed] = await events(ticket.id, 'ticket.resolution_confirmed');
    expect(JSON.parse(confirmed!.payload)).toMatchObject({ via: 'mail' });
    const body = await rt.db.selectFrom('messages').select('body').where('ticket_id', '=', ticket.id).where('channel', '=', 'email').executeTakeFirstOrThrow();
    expect(body.body).toBe('Sí, resuelto. ¡Muchas gracias!'); // kept in the thread
  });
});

describe('the survey link', () => {
  it('opens the page with the rating chosen, stores nothing until sent; the rating keeps agent and department; a bad one tells the assignee', async () => {
    const { ticket, mail } = await resolvedTicket('Slow');
    const l = links(mail);
    const page = await get(l.rate2!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/value="2" checked/);
    expect(await ratings(ticket.id)).toHaveLength(0);

    const sent = await post(l.rate2!, { rating: '2', comment: 'Tardasteis mucho.' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Gracias por tu valoración');
    const [r] = await ratings(ticket.id);
    expect(r).toMatchObject({ rating: 2, scale: 'five', comment: 'Tardasteis mucho.', source: 'mail', agent_id: w.agent.user.id, department_id: 1, requester_id: w.customer.user.id });
    expect(Boolean(r!.positive)).toBe(false);
    expect((await ticketRow(ticket.id)).status).toBe('resolved'); // rating is not confirming

    await drain();
    const told = freshMails().find((m) => m.envelope.to.includes('agent@example.com'));
    expect(told?.parsed.text).toContain('2 / 5');
    expect(told?.parsed.text).toContain('Tardasteis mucho.');
    const note = await rt.db.selectFrom('notifications').selectAll().where('user_id', '=', w.agent.user.id).where('kind', '=', 'bad_rating').execute();
    expect(note).toHaveLength(1);

    // Single use: a second rating (another link of the same mail) is refused, the first stays.
    const again = await post(l.rate5!, { rating: '5' });
    expect(again.body).toContain('ya fue valorada');
    expect((await ratings(ticket.id)).map((x) => x.rating)).toEqual([2]);

    // Staff read it through the API.
    const staff = await api(app, w.agent.token).get(`/tickets/api/tickets/${ticket.id}/satisfaction/`);
    expect(staff.status).toBe(200);
    expect(staff.body.ratings[0]).toMatchObject({ rating: 2, positive: false, agent: { id: w.agent.user.id, name: 'Alex Agent' } });
  });

  it('refuses tampered, other-tenant and expired links with a page, and changes nothing', async () => {
    const { ticket, mail } = await resolvedTicket('Refusals');
    const l = links(mail);
    const token = new URL(`https://x${l.confirm}`).searchParams.get('token')!;
    const tampered = l.confirm!.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`);
    expect((await post(tampered)).statusCode).toBe(404);
    const otherTenant = l.confirm!.replace(/tenant=[^&]+/, 'tenant=other');
    const refused = await post(otherTenant);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('não é válido'); // the other tenant speaks Portuguese
    expect((await get('/tickets/resolution/?action=confirm')).statusCode).toBe(404);
    await rt.db.updateTable('resolution_links').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('ticket_id', '=', ticket.id).execute();
    const expired = await post(l.confirm!);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('ha caducado');
    expect((await post(l.rate5!, { rating: '5' })).statusCode).toBe(410);
    expect((await ticketRow(ticket.id)).status).toBe('resolved');
    expect(await ratings(ticket.id)).toHaveLength(0);
  });
});

describe('the portal API', () => {
  it('the requester confirms and rates; staff cannot confirm for them; others see nothing', async () => {
    const { ticket } = await resolvedTicket('Portal');
    const path = `/tickets/api/tickets/${ticket.id}/`;
    const mine = await api(app, w.customer.token).get(`${path}satisfaction/`);
    expect(mine.body).toMatchObject({ can_confirm: true, can_rate: true, survey_scale: 'five', ratings: [] });
    expect((await api(app, w.agent.token).post(`${path}confirm-resolution/`)).status).toBe(403);
    expect((await api(app, w.otherAdmin.token).get(`${path}satisfaction/`)).status).toBe(404);
    expect((await api(app, w.stranger.token).post(`${path}satisfaction/`, { rating: 5 })).status).toBe(404);
    expect((await api(app, w.customer.token).post(`${path}satisfaction/`, { rating: 9 })).status).toBe(422);
    expect((await api(app).get(`${path}satisfaction/`)).status).toBe(401);

    const confirmed = await api(app, w.customer.token).post(`${path}confirm-resolution/`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'closed', can_confirm: false, can_rate: true });
    expect((await api(app, w.customer.token).post(`${path}confirm-resolution/`)).status).toBe(409);
    const rated = await api(app, w.customer.token).post(`${path}satisfaction/`, { rating: 5, comment: 'Great' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ rating: 5, positive: true, source: 'api' });
    expect((await api(app, w.customer.token).post(`${path}satisfaction/`, { rating: 4 })).status).toBe(409);
  });
});

describe('when the survey is off', () => {
  it('for the tenant, or for the department: the mail has no rating links, the rate page says there is no survey', async () => {
    await settings({ satisfaction_survey: false });
    try {
      const { ticket, mail } = await resolvedTicket('No survey');
      const l = links(mail);
      expect(Object.keys(l).sort()).toEqual(['confirm', 'reopen']);
      const rate = await get(l.confirm!.replace('action=confirm', 'action=rate'));
      expect(rate.body).toContain('no tiene ninguna encuesta');
      expect((await api(app, w.customer.token).get(`/tickets/api/tickets/${ticket.id}/satisfaction/`)).body.can_rate).toBe(false);
    } finally {
      await settings({ satisfaction_survey: true });
    }
    const { slug } = await rt.db.selectFrom('departments').select('slug').where('tenant_id', '=', w.tenantId).where('id', '=', 1).executeTakeFirstOrThrow();
    await settings({ satisfaction_survey_off_departments: [slug] });
    try {
      expect(Object.keys(links((await resolvedTicket('Dept off')).mail)).sort()).toEqual(['confirm', 'reopen']);
    } finally {
      await settings({ satisfaction_survey_off_departments: [] });
    }
  });
});
