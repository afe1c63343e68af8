/**
 * An SLA alert (`ticket.sla_warning`, `ticket.sla_breached`, docs/sla.md): the assignee,
 * else the department's agents, get an in-app `sla_alert` notification and a mail
 * (templates sla_warning, sla_breached) in their language. A rerun tells nobody twice.
 */
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { recordNotifications } from '../../../domain/user-notifications/record-notifications.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { notifyPeople } from './notify-people.ts';
import { assigneeOrDepartment } from './staff-recipients.ts';
import { loadTicketScope, type NotifyDeps } from './ticket-scope.ts';

interface SlaAlert { eventId: number; subjectId: string; target: string; due_at: string }

/** "2026-12-01 10:00 UTC" */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

async function tell(deps: NotifyDeps, tenantId: string | null, p: SlaAlert, template: 'sla_warning' | 'sla_breached'): Promise<void> {
  if (!tenantId) return;
  const s = await loadTicketScope(deps, tenantId, p.subjectId);
  if (!s) return;
  await inTransaction(s.ctx, async (tx) => {
    const t = { ...s, ctx: tx };
    const people = await assigneeOrDepartment(t, null);
    const told = await recordNotifications(tx, { eventId: p.eventId, kind: 'sla_alert', ticketId: s.ticket.id, actorId: null, userIds: people.map((u) => u.id) });
    await notifyPeople(t, { eventId: p.eventId, template, people: people.filter((u) => told.has(u.id)), vars: { sla: { target: p.target, due_at: utc(p.due_at) } } });
  });
}

export const notifySlaWarningTask = defineTask({
  name: 'notify.sla_warning',
  payload: eventJobPayload('ticket.sla_warning'),
  async run(deps: NotifyDeps, p, job) { await tell(deps, job.tenantId, p, 'sla_warning'); },
});

export const notifySlaBreachedTask = defineTask({
  name: 'notify.sla_breached',
  payload: eventJobPayload('ticket.sla_breached'),
  async run(deps: NotifyDeps, p, job) { await tell(deps, job.tenantId, p, 'sla_breached'); },
});
