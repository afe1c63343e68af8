import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, fieldsOf } from '../../../test/helpers/api.ts';
import { deliver, eml } from '../../../test/helpers/mail.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';
import { updateDepartment } from '../../domain/departments/update-department.ts';
import { createMailbox } from '../../domain/mailboxes/create-mailbox.ts';
import type { InboundRow } from '../../mail/inbound/inbound.repo.ts';
import { processInbound } from '../../mail/inbound/process-inbound.ts';
import { receiveMessage } from '../../mail/inbound/receive-message.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let processed: InboundRow;
let rejected: InboundRow;
let quarantinedId: string;
let fromMailboxId: string;
let mailboxId: string;
let otherId: string;
const rawOf: Record<string, Buffer> = {};

const URL = '/tickets/api/inbound-messages/';

/**
 * A message that fails processing for good: its raw bytes are missing on the final
 * attempt, then come back (as after a restore), so only an admin's reprocess retries it.
 */
async function quarantine(subject: string): Promise<string> {
  const raw = eml({ from: 'q@cliente.example', to: 'cola@inbound.example', subject, body: 'x' });
  const { id } = await receiveMessage(t.rt, { tenantId: w.tenantId, mailboxId: null, source: 'mailgate', raw });
  await t.rt.db.deleteFrom('inbound_raw').where('inbound_id', '=', id).execute();
  expect(await processInbound(t.rt, w.tenantId, id, true)).toBe('quarantined');
  // That was the job's final attempt: it is finished, as the worker would leave it.
  await t.rt.db.updateTable('jobs').set({ status: 'done' }).where('unique_key', '=', `mail.process:${id}`).execute();
  await t.rt.db.insertInto('inbound_raw').values({ inbound_id: id, tenant_id: w.tenantId, raw }).execute();
  rawOf[id] = raw;
  return id;
}

beforeAll(async () => {
  ({ t, app, w } = await startApiTest());
  const system = t.rt.systemCtx(w.tenantId);
  await updateDepartment(system, 1, { addresses: ['cola@inbound.example'] });
  // Two tenants: an admin may add queue addresses only under a domain the operator assigned (issue 6).
  await t.rt.db.insertInto('tenant_domains').values({ domain: 'inbound.example', tenant_id: w.tenantId }).execute();
  mailboxId = (await createMailbox(system, t.rt.secrets, { name: 'IMAP', kind: 'imap', host: 'imap.example.com', username: 'u', password: 'p' })).id;
  const processedRaw = eml({ from: 'Cliente <cliente@cliente.example>', to: 'cola@inbound.example', subject: 'Procesado', body: 'Hola' });
  processed = await deliver(t.rt, processedRaw, { recipients: ['cola@inbound.example'] });
  rawOf[processed.id] = processedRaw;
  rejected = await deliver(t.rt, eml({ from: 'cliente@cliente.example', to: 'falta@inbound.example', subject: 'Sin cola', body: 'Hola' }));
  fromMailboxId = (await deliver(t.rt, eml({ from: 'cliente@cliente.example', to: 'cola@inbound.example', subject: 'Por IMAP', body: 'x' }), { mailboxId })).id;
  quarantinedId = await quarantine('Cuarentena');
  otherId = (await deliver(t.rt, eml({ from: 'x@y.example', to: 'z@other.example', subject: 'Otro inquilino', body: 'x' }), { tenantId: w.otherTenantId })).id;
});
afterAll(async () => stopApiTest({ t, app }));

describe('access', () => {
  it('needs credentials on every route', async () => {
    const anon = api(app);
    const id = processed.id;
    for (const res of [await anon.get(URL), await anon.get(`${URL}counts/`), await anon.get(`${URL}${id}/`), await anon.get(`${URL}${id}/raw/`),
      await anon.post(`${URL}${id}/reprocess/`), await anon.post(`${URL}${id}/accept/`), await anon.post(`${URL}${id}/discard/`)]) {
      expect(res.status).toBe(401);
    }
  });

  it('refuses agents and customers with 403', async () => {
    for (const token of [w.agent.token, w.customer.token]) {
      const a = api(app, token);
      for (const res of [await a.get(URL), await a.get(`${URL}counts/`), await a.get(`${URL}${rejected.id}/`), await a.get(`${URL}${rejected.id}/raw/`),
        await a.post(`${URL}${rejected.id}/reprocess/`), await a.post(`${URL}${rejected.id}/accept/`), await a.post(`${URL}${quarantinedId}/discard/`)]) {
        expect(res.status).toBe(403);
      }
    }
  });

  it("answers 404 for another tenant's message and leaves it out of lists and counts", async () => {
    const other = api(app, w.otherAdmin.token);
    for (const res of [await other.get(`${URL}${rejected.id}/`), await other.get(`${URL}${rejected.id}/raw/`),
      await other.post(`${URL}${rejected.id}/reprocess/`), await other.post(`${URL}${rejected.id}/accept/`), await other.post(`${URL}${quarantinedId}/discard/`)]) {
      expect(res.status).toBe(404);
    }
    expect((await other.get(URL)).body.results.map((m: { id: string }) => m.id)).toEqual([otherId]);
    expect((await api(app, w.admin.token).get(URL)).body.results.map((m: { id: string }) => m.id)).not.toContain(otherId);
  });

  it('refuses bad input with field errors', async () => {
    const a = api(app, w.admin.token);
    expect(fieldsOf((await a.get(`${URL}?status=lost`)).body)).toEqual(['status']);
    expect(fieldsOf((await a.get(`${URL}?mailbox=imap`)).body)).toEqual(['mailbox']);
    expect(fieldsOf((await a.get(`${URL}?cursor=nonsense`)).body)).toEqual(['cursor']);
    for (const path of ['42/', '42/raw/']) {
      const res = await a.get(`${URL}${path}`);
      expect(res.status).toBe(422);
      expect(fieldsOf(res.body)).toEqual(['id']);
    }
    expect((await a.post(`${URL}42/reprocess/`)).status).toBe(422);
    expect((await a.post(`${URL}42/accept/`)).status).toBe(422);
  });
});

describe('reading received mail', () => {
  it('lists newest first with what became of each message, and filters by status and mailbox', async () => {
    const a = api(app, w.admin.token);
    const all = (await a.get(URL)).body.results;
    expect(all.map((m: { subject: string }) => m.subject)).toEqual(['Cuarentena', 'Por IMAP', 'Sin cola', 'Procesado']);
    expect(all[3]).toEqual({
      id: processed.id, source: 'lmtp', mailbox: null, status: 'processed', reason: null, subject: 'Procesado', from: 'cliente@cliente.example',
      size: rawOf[processed.id].length, received_at: processed.received_at, processed_at: expect.any(String), ticket: processed.ticket_id,
    });
    expect(all[2]).toMatchObject({ status: 'rejected', reason: expect.stringContaining('no queue address'), ticket: null });
    expect((await a.get(`${URL}?status=rejected`)).body.results.map((m: { id: string }) => m.id)).toEqual([rejected.id]);
    expect((await a.get(`${URL}?mailbox=${mailboxId}`)).body.results.map((m: { id: string }) => m.id)).toEqual([fromMailboxId]);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const a = api(app, w.admin.token);
    const all = (await a.get(URL)).body.results.map((m: { id: string }) => m.id);
    const seen: string[] = [];
    let url = `${URL}?limit=1`;
    for (let i = 0; i < 10; i++) {
      const res = await a.get(url);
      seen.push(...res.body.results.map((m: { id: string }) => m.id));
      if (!res.body.next_cursor) break;
      url = `${URL}?limit=1&cursor=${res.body.next_cursor}`;
    }
    expect(seen).toEqual(all);
  });

  it('counts per status, zeros included', async () => {
    const res = await api(app, w.admin.token).get(`${URL}counts/`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 0, processed: 2, rejected: 1, dropped: 0, ignored: 0, quarantined: 1, discarded: 0 });
  });

  it('shows one message with its envelope', async () => {
    const res = await api(app, w.admin.token).get(`${URL}${processed.id}/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: processed.id, status: 'processed', envelope: { mail_from: null, recipients: ['cola@inbound.example'] }, message_id: expect.any(String) });
  });

  it('downloads the raw message as an attachment that is never sniffed', async () => {
    const res = await app.inject({ method: 'GET', url: `${URL}${processed.id}/raw/`, headers: { authorization: `Bearer ${w.admin.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('message/rfc822');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="message-${processed.id}.eml"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload.equals(rawOf[processed.id])).toBe(true);
  });
});

describe('reprocess and discard', () => {
  it('turns a rejected message into a ticket once an admin adds the missing queue address', async () => {
    const a = api(app, w.admin.token);
    expect((await a.patch('/tickets/api/departments/1/', { addresses: ['cola@inbound.example', 'falta@inbound.example'] })).status).toBe(200);
    const res = await a.post(`${URL}${rejected.id}/reprocess/`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: rejected.id, status: 'received', reason: null });
    const jobs = await t.rt.db.selectFrom('jobs').select('unique_key').where('name', '=', 'mail.process').where('payload', 'like', `%${rejected.id}%`).execute();
    expect(new Set(jobs.map((j) => j.unique_key)).size).toBe(2);
    while ((await t.rt.worker.runOnce()) > 0) { /* drain */ }
    const after = (await a.get(`${URL}${rejected.id}/`)).body;
    expect(after).toMatchObject({ status: 'processed', ticket: expect.any(String) });
    const ticket = await t.rt.db.selectFrom('tickets').selectAll().where('id', '=', after.ticket).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ subject: 'Sin cola', department_id: 1 });
    const events = await t.rt.db.selectFrom('events').select('name').where('subject_id', '=', rejected.id).execute();
    expect(events.map((e) => e.name)).toContain('inbound.reprocessed');
  });

  it('refuses to reprocess a processed message with 409', async () => {
    expect((await api(app, w.admin.token).post(`${URL}${processed.id}/reprocess/`)).status).toBe(409);
  });

  it('discards a quarantined message and deletes its raw bytes', async () => {
    const a = api(app, w.admin.token);
    expect((await a.post(`${URL}${processed.id}/discard/`)).status).toBe(409);
    const res = await a.post(`${URL}${quarantinedId}/discard/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: quarantinedId, status: 'discarded' });
    expect(await t.rt.db.selectFrom('inbound_raw').select('inbound_id').where('inbound_id', '=', quarantinedId).execute()).toEqual([]);
    expect((await a.get(`${URL}${quarantinedId}/raw/`)).status).toBe(404);
    expect((await a.post(`${URL}${quarantinedId}/reprocess/`)).status).toBe(409);
    expect((await a.post(`${URL}${quarantinedId}/discard/`)).status).toBe(409);
    const events = await t.rt.db.selectFrom('events').select('name').where('subject_id', '=', quarantinedId).execute();
    expect(events.map((e) => e.name)).toEqual(['inbound.discarded']);
  });

  it('reprocesses a quarantined message into a ticket', async () => {
    const id = await quarantine('Cuarentena dos');
    expect((await api(app, w.admin.token).post(`${URL}${id}/reprocess/`)).status).toBe(202);
    while ((await t.rt.worker.runOnce()) > 0) { /* drain */ }
    expect((await api(app, w.admin.token).get(`${URL}${id}/`)).body).toMatchObject({ status: 'processed', ticket: expect.any(String) });
  });
});

describe('ignored mail (issue 7 item 4)', () => {
  it('keeps automatic mail listed as ignored with its reason, and an admin makes it a ticket in one action', async () => {
    const a = api(app, w.admin.token);
    const raw = eml({ from: 'Ravi <ravi@cliente.example>', to: 'cola@inbound.example', subject: 'Automatic reply: factura', headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Vuelvo el lunes; mientras, la factura 12 sigue mal.' });
    const ignored = await deliver(t.rt, raw);
    expect(ignored.status).toBe('ignored');
    const listed = (await a.get(`${URL}?status=ignored`)).body.results;
    expect(listed).toEqual([expect.objectContaining({ id: ignored.id, status: 'ignored', reason: expect.stringContaining('auto-submitted: auto-replied'), ticket: null })]);
    expect((await a.get(`${URL}counts/`)).body.ignored).toBe(1);
    expect((await a.post(`${URL}${processed.id}/accept/`)).status).toBe(409);

    const res = await a.post(`${URL}${ignored.id}/accept/`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: ignored.id, status: 'received', reason: null, accepted_by: w.admin.user.id });
    expect((await a.post(`${URL}${ignored.id}/accept/`)).status).toBe(409);
    while ((await t.rt.worker.runOnce()) > 0) { /* drain */ }
    const after = (await a.get(`${URL}${ignored.id}/`)).body;
    expect(after).toMatchObject({ status: 'processed', ticket: expect.any(String), accepted_by: w.admin.user.id });
    const ticket = await t.rt.db.selectFrom('tickets').selectAll().where('id', '=', after.ticket).executeTakeFirstOrThrow();
    expect(ticket.subject).toBe('Automatic reply: factura');
    const events = await t.rt.db.selectFrom('events').select(['name', 'actor_id']).where('subject_id', '=', ignored.id).execute();
    expect(events).toEqual([{ name: 'inbound.accepted', actor_id: w.admin.user.id }]);
  });
});

describe('the decision trace (issue 9)', () => {
  it('shows why a message went where it went on the detail, and only the outcome in the list', async () => {
    const a = api(app, w.admin.token);
    const detail = (await a.get(`${URL}${processed.id}/`)).body;
    const codes = detail.trace.entries.map((e: { step: string; decision: string }) => `${e.step}:${e.decision}`);
    expect(codes).toEqual(expect.arrayContaining(['route:queue-address', 'identify-sender:created', 'thread:no-ticket', 'persist:ticket-created', 'outcome:processed']));
    expect(detail.trace).toMatchObject({ omitted: 0, dry_run: false });
    expect(detail.trace.entries.find((e: { step: string }) => e.step === 'route').detail).toMatch(/^matched queue address cola@inbound\.example \(SMTP envelope\) → department /);
    const listed = (await a.get(URL)).body.results.find((m: { id: string }) => m.id === processed.id);
    expect(listed).not.toHaveProperty('trace');
    expect(listed).toMatchObject({ status: 'processed', reason: null });
  });

  it('answers why a message was not a ticket', async () => {
    const stranger = await deliver(t.rt, eml({ from: 'nadie@cliente.example', to: 'perdido@inbound.example', subject: 'Perdido', body: 'x' }));
    const body = (await api(app, w.admin.token).get(`${URL}${stranger.id}/`)).body;
    expect(body.trace.entries.slice(-2)).toEqual([
      { step: 'route', decision: 'no-queue-address', detail: 'no queue address among the recipients (perdido@inbound.example), and no mailbox department' },
      { step: 'outcome', decision: 'rejected', detail: 'rejected by route: no queue address among the recipients (perdido@inbound.example)' },
    ]);
  });

  it('keeps the trace from agents, customers and other tenants', async () => {
    for (const token of [w.agent.token, w.customer.token]) expect((await api(app, token).get(`${URL}${processed.id}/`)).status).toBe(403);
    const other = await api(app, w.otherAdmin.token).get(`${URL}${processed.id}/`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('outcome');
  });

  it('documents the trace in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/tickets/api/openapi.json' })).json();
    const trace = doc.components.schemas.InboundTrace;
    expect(trace.properties.entries.items.properties.step.enum).toEqual(expect.arrayContaining(['route', 'thread', 'identify-sender', 'outcome']));
    expect(trace.properties.entries.items.properties.decision.enum).toEqual(expect.arrayContaining(['subject-token-refused', 'in-reply-to', 'duplicate-message-id']));
  });
});
