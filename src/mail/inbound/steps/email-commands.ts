import { findDepartmentByName, findDepartmentBySlug } from '../../../domain/departments/departments.repo.ts';
import type { UpdateTicketProps } from '../../../domain/tickets/update-ticket.ts';
import { PRIORITIES } from '../../../domain/tickets/ticket-values.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { dmarcFailed } from './dmarc.ts';
import { parseEmailCommands } from './email-commands-syntax.ts';
import { findAssignee, statusFromName } from './email-command-values.ts';
import { note } from '../trace.ts';

/** Default time of an agent's email reply when no [WORKUNIT] says otherwise (seed 001). */
export const DEFAULT_TIME_USED = 0.25;

/**
 * Applies [INCIDENT]/[WORKUNIT] blocks (seed 001) when the sender is staff and a trusted
 * receiving server did not see the From domain fail DMARC. Values are checked here;
 * whether the agent may make each change is checked by updateTicket when it applies them.
 */
export async function emailCommands(s: PipelineState): Promise<StepResult> {
  const parsed = parseEmailCommands(s.body);
  const staff = s.sender && s.sender.role !== 'customer';
  if (!parsed) {
    if (staff && s.ticket) {
      s.timeUsed = DEFAULT_TIME_USED;
      note(s.trace, 'email-commands', 'default-time', `no command block; an agent's email reply counts ${DEFAULT_TIME_USED} h`);
    }
    return next();
  }
  if (!staff) {
    note(s.trace, 'email-commands', 'not-staff', 'command blocks found, but only agents and admins may use them: kept as text');
    return next();
  }
  if (dmarcFailed(s.mail, s.settings.email_command_trusted_authserv_ids)) {
    s.commandNotes.push('Email commands were not applied: the sender domain failed DMARC.');
    note(s.trace, 'email-commands', 'refused-dmarc', 'refused: a trusted receiving server says the From domain failed DMARC');
    return next();
  }
  if (parsed.errors.length) {
    s.commandNotes.push(`Email commands were not applied: ${parsed.errors.join('; ')}.`);
    note(s.trace, 'email-commands', 'refused-syntax', `refused: ${parsed.errors.join('; ')}`);
    return next();
  }
  const changes: UpdateTicketProps = {};
  const problems: string[] = [];
  const i = parsed.incident;
  if (i?.group) {
    const dep = (await findDepartmentByName(s.ctx.db, s.ctx.tenantId, i.group)) ?? (await findDepartmentBySlug(s.ctx.db, s.ctx.tenantId, i.group.toLowerCase()));
    if (dep) changes.departmentId = dep.id; else problems.push(`unknown GROUP ${i.group}`);
  }
  if (i?.assignedTo) {
    const user = await findAssignee(s.ctx, i.assignedTo);
    if (user) changes.assigneeId = user.id; else problems.push(`unknown agent ${i.assignedTo}`);
  }
  if (i?.priority !== undefined) changes.priority = PRIORITIES[Math.max(0, i.priority - 1)];
  if (i?.status) {
    const status = statusFromName(i.status);
    if (status) changes.status = status; else problems.push(`unknown STATUS ${i.status}`);
  }
  if (i?.resolution) {
    const resolution = s.settings.resolutions.find((r) => r.toLowerCase() === i.resolution!.toLowerCase().replace(/\s+/g, '_'));
    if (resolution) changes.resolution = resolution; else problems.push(`unknown RESOLUTION ${i.resolution}`);
  }
  if (problems.length) {
    s.commandNotes.push(`Email commands were not applied: ${problems.join('; ')}.`);
    note(s.trace, 'email-commands', 'refused-values', `refused: ${problems.join('; ')}`);
    return next();
  }
  s.commands = changes;
  s.timeUsed = parsed.timeUsed ?? DEFAULT_TIME_USED;
  note(s.trace, 'email-commands', 'applied', `to apply as ${s.sender?.email}: ${Object.keys(changes).join(', ') || 'no ticket change'}; time ${s.timeUsed} h (updateTicket still checks the agent may)`);
  s.body = parsed.text;
  if (s.bodyHtml) s.bodyHtml = null;
  return next();
}
