/**
 * A task's `when` (jobs/subscriptions.ts) keeps jobs that would do nothing out of the queue:
 * the message that opens a ticket, written by its customer, queues no notify.message_created
 * (notify.ticket_created announces it), and a message queues mail.cancel_scheduled_replies
 * only on a ticket with a reply waiting. Every case that has work still gets its job.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../test/helpers/api.ts';
import { createTestRuntime, type TestRuntime } from '../../test/helpers/test-runtime.ts';
import { buildWorld, type World } from '../../test/helpers/world.ts';
import { buildApp } from '../http/app.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => {
  t = await createTestRuntime();
  app = await buildApp(t.rt);
  w = await buildWorld(t.rt);
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

/** The names of the jobs queued for events on this ticket. */
async function jobsOf(ticketId: string): Promise<string[]> {
  const rows = await t.rt.db.selectFrom('jobs').select(['name', 'payload']).execute();
  return rows.filter((r) => (JSON.parse(r.payload) as { subjectId?: string }).subjectId === ticketId).map((r) => r.name).sort();
}

describe('jobs queued for message.created', () => {
  it('a customer opening a ticket: announced by notify.ticket_created alone', async () => {
    const opened = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Printer', messages: [{ body: 'It jams' }] });
    expect(opened.status).toBe(201);
    const jobs = await jobsOf(opened.body.id);
    expect(jobs).toContain('notify.ticket_created');
    expect(jobs).not.toContain('notify.message_created');
    expect(jobs).not.toContain('mail.cancel_scheduled_replies');

    const reply = await api(app, w.customer.token).post(`/tickets/api/tickets/${opened.body.id}/reply/`, { body: 'Still jams' });
    expect(reply.status).toBe(201);
    expect((await jobsOf(opened.body.id)).filter((n) => n === 'notify.message_created')).toHaveLength(1);
    expect(await jobsOf(opened.body.id)).not.toContain('mail.cancel_scheduled_replies');
  });

  it('an agent opening a ticket for a customer: their first message goes out as a reply, so it is queued', async () => {
    const opened = await api(app, w.agent.token).post('/tickets/api/tickets/', { subject: 'Your order', requester: w.customer.user.email, messages: [{ body: 'We saw a problem with your order' }] });
    expect(opened.status).toBe(201);
    expect(await jobsOf(opened.body.id)).toContain('notify.message_created');
  });

  it('a customer writing on a ticket with a reply waiting to be sent: the cancelling task is queued', async () => {
    const opened = await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Refund', messages: [{ body: 'Where is it' }] });
    const later = new Date(Date.now() + 3600_000).toISOString();
    expect((await api(app, w.agent.token).post(`/tickets/api/tickets/${opened.body.id}/reply/`, { body: 'Tomorrow', send_at: later })).status).toBe(201);
    expect((await api(app, w.customer.token).post(`/tickets/api/tickets/${opened.body.id}/reply/`, { body: 'Any news?' })).status).toBe(201);
    expect(await jobsOf(opened.body.id)).toContain('mail.cancel_scheduled_replies');
  });
});
