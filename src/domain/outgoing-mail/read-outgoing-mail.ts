import type { Ctx } from '../shared/context.ts';
import type { OutgoingMailState } from './outgoing-mail.presenter.ts';
import { authorizeOutgoingMail } from './outgoing-mail.policy.ts';
import { TENANT_SCOPE, countQueuedMail, findNoTransportNotice, listOutgoingTransports } from './outgoing-transports.repo.ts';
import { outgoingScope } from './save-outgoing-mail.ts';

/**
 * A scope's outgoing-mail setting (admins only; 404 for a department that does not exist),
 * what its mail goes out by now, and whether the tenant's mail waits for want of a transport.
 */
export async function readOutgoingMail(ctx: Ctx, departmentId: number | null, installTransport: boolean): Promise<OutgoingMailState> {
  authorizeOutgoingMail(ctx.actor, 'read');
  const scope = await outgoingScope(ctx, departmentId);
  const rows = await listOutgoingTransports(ctx.db, ctx.tenantId, departmentId);
  const setting = rows.find((r) => r.department_id === scope);
  const tenant = rows.find((r) => r.department_id === TENANT_SCOPE);
  const effective = setting ? (scope === TENANT_SCOPE ? 'tenant' : 'department') : tenant ? 'tenant' : installTransport ? 'install' : 'none';
  const waiting = await findNoTransportNotice(ctx.db, ctx.tenantId);
  return { departmentId, setting, effective, installTransport, waiting, queued: waiting ? await countQueuedMail(ctx.db, ctx.tenantId) : 0 };
}
