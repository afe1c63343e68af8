/**
 * Issue 6, item 10: an agent limited to departments creates tickets only in them; any
 * other department answers exactly as a department that does not exist.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../test/helpers/api.ts';
import { startApiTest, stopApiTest } from '../../../test/helpers/api-test.ts';
import type { TestRuntime } from '../../../test/helpers/test-runtime.ts';
import type { World } from '../../../test/helpers/world.ts';

let t: TestRuntime;
let app: FastifyInstance;
let w: World;

beforeAll(async () => { ({ t, app, w } = await startApiTest()); });
afterAll(async () => stopApiTest({ t, app }));

const ticket = (department?: number | string) => ({
  subject: 'Pedido', ...(department !== undefined && { department }), requester: { email: 'lead@prospect.example' }, messages: [{ body: 'x' }],
});
const count = async () => Number((await t.rt.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('creating tickets as an agent limited to departments', () => {
  it('refuses a department outside its own with the answer a missing department gets', async () => {
    const before = await count();
    const missing = await api(app, w.restrictedAgent.token).post('/tickets/api/tickets/', ticket(999));
    expect(missing.status).toBe(422);
    for (const department of [1, 'soporte-tecnico']) {
      const res = await api(app, w.restrictedAgent.token).post('/tickets/api/tickets/', ticket(department));
      expect(res.status, String(department)).toBe(422);
      expect({ ...res.body, request_id: undefined, instance: undefined }).toEqual({ ...missing.body, request_id: undefined, instance: undefined });
    }
    const slug = await api(app, w.restrictedAgent.token).post('/tickets/api/tickets/', ticket('no-existe'));
    expect({ ...slug.body, request_id: undefined, instance: undefined }).toEqual({ ...missing.body, request_id: undefined, instance: undefined });
    expect(await count()).toBe(before);
  });

  it('creates in its own department, and defaults to it rather than to the first one', async () => {
    const own = await api(app, w.restrictedAgent.token).post('/tickets/api/tickets/', ticket(w.salesDepartmentId));
    expect(own.status).toBe(201);
    expect(own.body.department.id).toBe(w.salesDepartmentId);
    const implicit = await api(app, w.restrictedAgent.token).post('/tickets/api/tickets/', ticket());
    expect(implicit.status).toBe(201);
    expect(implicit.body.department.id).toBe(w.salesDepartmentId);
    expect((await api(app, w.restrictedAgent.token).get(`/tickets/api/tickets/${implicit.body.id}/`)).status).toBe(200);
  });

  it('leaves unrestricted agents and customers free to choose any active department', async () => {
    expect((await api(app, w.agent.token).post('/tickets/api/tickets/', ticket(w.salesDepartmentId))).status).toBe(201);
    expect((await api(app, w.customer.token).post('/tickets/api/tickets/', { subject: 'Hola', department: w.salesDepartmentId, messages: [{ body: 'x' }] })).status).toBe(201);
  });
});
