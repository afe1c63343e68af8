/** "Scan now" on a mailbox set up through the API, against a real Dovecot. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { freePort, type Dovecot } from '../../../test/helpers/dovecot.ts';
import { eml } from '../../../test/helpers/mail.ts';
import { soporteImap, startMailboxApiTest, stopMailboxApiTest } from '../../../test/helpers/mailbox-api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;
let dovecot: Dovecot;

beforeAll(async () => { ({ t, app, w, dovecot } = await startMailboxApiTest()); });
afterAll(async () => stopMailboxApiTest({ t, app, dovecot }));

const scanUrl = (id: string) => `/tickets/api/mailboxes/${id}/scan/`;

describe('POST /tickets/api/mailboxes/:id/scan/', () => {
  it('fetches the mail of a mailbox added through the API and records the success', async () => {
    const a = api(app, w.admin.token);
    const created = await a.post('/tickets/api/mailboxes/', {
      name: 'Dovecot', ...soporteImap(dovecot),
    });
    expect(created.status).toBe(201);
    dovecot.deliver('soporte', eml({ from: 'c@cliente.example', to: 'ventas@example.com', subject: 'Desde Dovecot', body: 'Hola' }));
    const res = await a.post(scanUrl(created.body.id));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'scanned', counts: { fetched: 1, stored: 1, errors: 0 }, mailbox: { id: created.body.id, state: 'ok', last_success_at: expect.any(String) } });
    const stored = await t.rt.db.selectFrom('inbound_messages').selectAll().where('mailbox_id', '=', created.body.id).execute();
    expect(stored.map((m) => [m.subject, m.source])).toEqual([['Desde Dovecot', 'imap']]);
    const events = await t.rt.db.selectFrom('events').select('name').where('subject_id', '=', created.body.id).execute();
    expect(events.map((e) => e.name)).toContain('mailbox.scanned');
  });

  it('answers the failure of a server that cannot be reached, and shows it on the mailbox', async () => {
    const a = api(app, w.admin.token);
    const created = await a.post('/tickets/api/mailboxes/', {
      name: 'Caido', kind: 'imap', host: '127.0.0.1', port: await freePort(), security: 'none', username: 'soporte', password: 'x',
    });
    const res = await a.post(scanUrl(created.body.id));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'failed', detail: expect.any(String), mailbox: { state: 'error', last_error: expect.any(String) } });
    expect((await a.get(`/tickets/api/mailboxes/${created.body.id}/`)).body.state).toBe('error');
  });

  it('needs credentials, an admin, and the mailbox of the caller\'s tenant', async () => {
    const id = (await api(app, w.admin.token).post('/tickets/api/mailboxes/', {
      name: 'Acceso', ...soporteImap(dovecot), is_active: false,
    })).body.id;
    expect((await api(app).post(scanUrl(id))).status).toBe(401);
    expect((await api(app, w.agent.token).post(scanUrl(id))).status).toBe(403);
    expect((await api(app, w.customer.token).post(scanUrl(id))).status).toBe(403);
    expect((await api(app, w.otherAdmin.token).post(scanUrl(id))).status).toBe(404);
    const bad = await api(app, w.admin.token).post(scanUrl('nope'));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
    expect((await api(app, w.admin.token).post(scanUrl(id))).body).toMatchObject({ status: 'skipped', detail: 'inactive' });
  });
});
