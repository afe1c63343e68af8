import { findDepartment, listDepartmentAddresses } from '../../../domain/departments/departments.repo.ts';
import { findMailbox } from '../mailboxes.repo.ts';
import { next, reject, type PipelineState, type StepResult } from '../pipeline-state.ts';

/**
 * Finds the department by the queue address the mail was sent to (seed 001): the SMTP
 * envelope first, then Delivered-To, X-Original-To, To and Cc. Mail for no queue is not
 * turned into a ticket, unless its mailbox names a department for everything it holds.
 * Automatic replies skip this: they may only join an existing ticket.
 */
export async function route(s: PipelineState): Promise<StepResult> {
  const headerAddresses = (name: string) => (s.mail.headers.get(name) ?? []).flatMap((v) => v.match(/[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []);
  const candidates = [
    ...(s.envelope?.recipients ?? []),
    ...headerAddresses('delivered-to'),
    ...headerAddresses('x-original-to'),
    ...s.mail.to.map((a) => a.address),
    ...s.mail.cc.map((a) => a.address),
  ].map((a) => a.trim().toLowerCase());
  const queues = new Map((await listDepartmentAddresses(s.ctx.db, s.ctx.tenantId)).map((q) => [q.address, q.department_id]));
  s.queueAddresses = [...new Set(candidates.filter((a) => queues.has(a)))];
  let departmentId = s.queueAddresses.length ? queues.get(s.queueAddresses[0]) : undefined;
  if (departmentId === undefined && s.inbound.mailbox_id) {
    departmentId = (await findMailbox(s.ctx.db, s.ctx.tenantId, s.inbound.mailbox_id))?.department_id ?? undefined;
  }
  if (departmentId !== undefined) s.department = await findDepartment(s.ctx.db, s.ctx.tenantId, departmentId);
  if (s.department || s.autoReply) return next();
  return reject(`no queue address among the recipients (${[...new Set(candidates)].slice(0, 5).join(', ') || 'none'})`);
}
