import { findDepartment, listDepartmentAddresses } from '../../../domain/departments/departments.repo.ts';
import { findMailbox } from '../mailboxes.repo.ts';
import { next, reject, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { note } from '../trace.ts';

/**
 * Finds the department by the queue address the mail was sent to (seed 001): the SMTP
 * envelope first, then Delivered-To, X-Original-To, To and Cc. Mail for no queue is not
 * turned into a ticket, unless its mailbox names a department for everything it holds.
 * Automatic replies skip this: they may only join an existing ticket.
 */
export async function route(s: PipelineState): Promise<StepResult> {
  const headerAddresses = (name: string) => (s.mail.headers.get(name) ?? []).flatMap((v) => v.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []);
  // Each candidate with where it was read, for the trace.
  const candidates: Array<[string, string]> = [
    ...(s.envelope?.recipients ?? []).map((a) => [a, 'SMTP envelope'] as [string, string]),
    ...headerAddresses('delivered-to').map((a) => [a, 'Delivered-To'] as [string, string]),
    ...headerAddresses('x-original-to').map((a) => [a, 'X-Original-To'] as [string, string]),
    ...s.mail.to.map((a) => [a.address, 'To'] as [string, string]),
    ...s.mail.cc.map((a) => [a.address, 'Cc'] as [string, string]),
  ].map(([a, where]) => [a.trim().toLowerCase(), where]);
  const queues = new Map((await listDepartmentAddresses(s.ctx.db, s.ctx.tenantId)).map((q) => [q.address, q.department_id]));
  const matched = candidates.filter(([a]) => queues.has(a));
  s.queueAddresses = [...new Set(matched.map(([a]) => a))];
  let departmentId = matched.length ? queues.get(matched[0][0]) : undefined;
  if (departmentId !== undefined) {
    s.department = await findDepartment(s.ctx.db, s.ctx.tenantId, departmentId);
    note(s.trace, 'route', 'queue-address', `matched queue address ${matched[0][0]} (${matched[0][1]}) → department ${s.department?.name ?? departmentId}${s.queueAddresses.length > 1 ? `; also addressed to ${s.queueAddresses.slice(1, 4).join(', ')}` : ''}`);
  } else if (s.inbound.mailbox_id) {
    departmentId = (await findMailbox(s.ctx.db, s.ctx.tenantId, s.inbound.mailbox_id))?.department_id ?? undefined;
    if (departmentId !== undefined) s.department = await findDepartment(s.ctx.db, s.ctx.tenantId, departmentId);
    if (s.department) note(s.trace, 'route', 'mailbox-department', `no queue address among the recipients; its mailbox sends everything to department ${s.department.name}`);
  }
  if (s.department) return next();
  const seen = [...new Set(candidates.map(([a]) => a))].slice(0, 5).join(', ') || 'none';
  if (s.autoReply) {
    note(s.trace, 'route', 'automatic-without-queue', `no queue address among the recipients (${seen}); automatic mail may still join a ticket`);
    return next();
  }
  note(s.trace, 'route', 'no-queue-address', `no queue address among the recipients (${seen}), and no mailbox department`);
  return reject(`no queue address among the recipients (${seen})`);
}
