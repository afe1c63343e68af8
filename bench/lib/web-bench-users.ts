/** The two accounts the web benchmark signs in with: the seed's admin and one of its customers, given a password once. */
import { setPassword } from '../../src/domain/users/set-password.ts';
import { verifyPassword } from '../../src/domain/users/passwords.ts';
import { findUserByEmail, type UserRow } from '../../src/domain/users/users.repo.ts';
import type { Runtime } from '../../src/runtime.ts';
import { BENCH_ADMIN_EMAIL } from './seed-people.ts';

export const WEB_BENCH_PASSWORD = 'web bench password 2026';

export interface WebBenchUsers { agent: UserRow; customer: UserRow }

/** The admin, and the customer with the most tickets (the portal's heaviest list). */
export async function webBenchUsers(rt: Runtime): Promise<WebBenchUsers> {
  const tenantId = rt.defaultTenantId;
  const agent = await findUserByEmail(rt.db, tenantId, BENCH_ADMIN_EMAIL);
  if (!agent) throw new Error('the bench admin is missing: the seed is incomplete');
  const top = await rt.db.selectFrom('tickets').select(['requester_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).where('created_at', '>', new Date(Date.now() - 30 * 86_400_000).toISOString())
    .groupBy('requester_id').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
  const customer = await rt.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', top.requester_id).executeTakeFirstOrThrow();
  for (const user of [agent, customer]) {
    if (!(await verifyPassword(user.password_hash, WEB_BENCH_PASSWORD))) await setPassword(rt.systemCtx(tenantId, 'cli'), user.id, WEB_BENCH_PASSWORD);
  }
  // Setting a password ends earlier sign-ins (token_version): tokens are made from the rows as they are now.
  const reload = async (u: UserRow) => (await rt.db.selectFrom('users').selectAll().where('tenant_id', '=', tenantId).where('id', '=', u.id).executeTakeFirstOrThrow());
  return { agent: await reload(agent), customer: await reload(customer) };
}
