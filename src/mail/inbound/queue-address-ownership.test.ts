/**
 * Issue 6, item 1: a queue address belongs to one tenant, so mail to it (LMTP or
 * mailgate) becomes a ticket in that tenant only, whatever another tenant's admin tries.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eml } from '../../../test/helpers/mail.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/helpers/test-runtime.ts';
import { createDepartment } from '../../domain/departments/create-department.ts';
import { saveQueueAddresses } from '../../domain/departments/save-queue-addresses.ts';
import { updateDepartment } from '../../domain/departments/update-department.ts';
import type { Actor } from '../../domain/shared/context.ts';
import { ConflictError } from '../../domain/shared/errors.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { createTenant } from '../../domain/tenants/create-tenant.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { loadActor } from '../../domain/users/load-actor.ts';
import type { Runtime } from '../../runtime.ts';
import { findDeliveryTenants } from './delivery-tenants.repo.ts';
import { startDirectDelivery } from './sources/lmtp-server.ts';
import { recipientsByTenant } from './sources/direct-store.ts';

let t: TestRuntime;
let rt: Runtime;
let admin: Actor;
let betaId: string;

beforeAll(async () => {
  t = await createTestRuntime();
  rt = t.rt;
  const user = await createUser(rt.systemCtx(rt.defaultTenantId), { email: 'boss@alpha.example', name: 'Boss', role: 'admin' });
  admin = await loadActor(rt.db, user);
});
afterAll(async () => t?.cleanup());

const asAdmin = () => rt.ctx(rt.defaultTenantId, admin, 'api');

describe('queue address ownership', () => {
  it('leaves a single-tenant install free to use any domain', async () => {
    await createDepartment(asAdmin(), { name: 'Anything', addresses: ['help@anything.example'] });
    expect(await findDeliveryTenants(rt.db, 'HELP@anything.example')).toEqual([rt.defaultTenantId]);
  });

  it("refuses another tenant's address, so its mail is delivered to that tenant alone", async () => {
    betaId = (await createTenant(rt, { name: 'Beta', slug: 'beta', language: 'en', domains: ['beta.example'] })).id;
    await updateDepartment(rt.systemCtx(betaId), 1, { addresses: ['support@beta.example'] });

    await expect(updateDepartment(asAdmin(), 1, { addresses: ['support@beta.example'] })).rejects.toBeInstanceOf(ConflictError);
    await expect(createDepartment(asAdmin(), { name: 'Taken', addresses: ['support@beta.example'] })).rejects.toBeInstanceOf(ConflictError);
    // Even the operator's unrestricted path cannot give one address to two tenants.
    await expect(updateDepartment(rt.systemCtx(rt.defaultTenantId), 1, { addresses: ['support@beta.example'] })).rejects.toBeInstanceOf(ConflictError);
    // A write that skipped the check (a concurrent request) meets the unique index: 409, not a database error.
    await expect(inTransaction(rt.systemCtx(rt.defaultTenantId), (tx) => saveQueueAddresses(tx, 1, ['support@beta.example'])))
      .rejects.toBeInstanceOf(ConflictError);

    expect(await findDeliveryTenants(rt.db, 'support@beta.example')).toEqual([betaId]);
    expect([...(await recipientsByTenant(rt, ['support@beta.example'])).byTenant.keys()]).toEqual([betaId]);

    const lmtp = await startDirectDelivery({ rt, port: 0, lmtp: true });
    try {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: lmtp.port, lmtp: true, secure: false, ignoreTLS: true });
      const raw = eml({ from: 'c@customer.example', to: 'support@beta.example', subject: 'Solo para Beta', body: 'x' });
      await transport.sendMail({ envelope: { from: 'c@customer.example', to: ['support@beta.example'] }, raw });
      transport.close();
    } finally {
      await lmtp.close();
    }
    while ((await rt.worker.runOnce()) > 0) { /* drain */ }
    const stored = await rt.db.selectFrom('inbound_messages').select('tenant_id').where('subject', '=', 'Solo para Beta').execute();
    expect(stored.map((r) => r.tenant_id)).toEqual([betaId]);
    const tickets = await rt.db.selectFrom('tickets').select('tenant_id').where('subject', '=', 'Solo para Beta').execute();
    expect(tickets.map((r) => r.tenant_id)).toEqual([betaId]);
  });

  it('limits admins of a hosted install to their assigned domains, but not the operator', async () => {
    await expect(createDepartment(asAdmin(), { name: 'Foreign', addresses: ['sales@unassigned.example'] })).rejects.toMatchObject({ status: 422 });
    // The address the department already had stays valid.
    await expect(updateDepartment(asAdmin(), 2, { addresses: ['help@anything.example'] })).resolves.toBeDefined();
    await expect(createDepartment(rt.systemCtx(rt.defaultTenantId), { name: 'Operator', addresses: ['sales@unassigned.example'] })).resolves.toBeDefined();
    const betaAdmin = await loadActor(rt.db, await createUser(rt.systemCtx(betaId), { email: 'boss@beta.example', name: 'Beta Boss', role: 'admin' }));
    await expect(createDepartment(rt.ctx(betaId, betaAdmin, 'api'), { name: 'Ventas', addresses: ['ventas@eu.beta.example'] })).resolves.toBeDefined();
  });
});
