/**
 * `--automation` of bench:api and bench:ingest: turns on what a team running Parley for real
 * would have, so that the figures show what SLA, assignment and triggers cost a ticket
 * create and a mail: a default SLA policy with business hours (Madrid, weekdays 09–18,
 * a holiday), round-robin assignment in every department among three agents, and five
 * active triggers, two of which answer every new ticket.
 */
import type { Runtime } from '../../src/runtime.ts';
import { createTrigger } from '../../src/domain/automation/manage-triggers.ts';
import { listDepartments } from '../../src/domain/departments/departments.repo.ts';
import { updateDepartment } from '../../src/domain/departments/update-department.ts';
import { createSlaPolicy } from '../../src/domain/sla/manage-sla-policies.ts';
import { BUILT_IN_POLICY } from '../../src/domain/sla/sla-policy-values.ts';
import { createUser } from '../../src/domain/users/create-user.ts';
import { findUserByEmail } from '../../src/domain/users/users.repo.ts';
import { loadActor } from '../../src/domain/users/load-actor.ts';

const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' }));

/** Configures the default tenant (idempotent per fresh database); answers a line saying what was set. */
export async function setUpAutomation(rt: Runtime, adminEmail: string): Promise<string> {
  const tenantId = rt.defaultTenantId;
  const system = rt.systemCtx(tenantId);
  const adminRow = await findUserByEmail(rt.db, tenantId, adminEmail);
  if (!adminRow) throw new Error(`no user ${adminEmail} to set up automation with`);
  const admin = rt.ctx(tenantId, await loadActor(rt.db, adminRow), 'cli');
  const departments = (await listDepartments(rt.db, tenantId)).filter((d) => d.is_active);
  for (let i = 1; i <= 3; i++) {
    const email = `bench-agent-${i}@bench.example`;
    if (!(await findUserByEmail(rt.db, tenantId, email))) {
      await createUser(system, { email, name: `Bench agent ${i}`, role: 'agent', departmentIds: departments.map((d) => d.id) });
    }
  }
  for (const d of departments) await updateDepartment(admin, d.id, { assignmentMode: 'round_robin', defaultOwnerId: null });
  await createSlaPolicy(admin, {
    name: 'Office hours', scope: { type: 'default' }, targets: BUILT_IN_POLICY.targets,
    businessHours: { week: WEEKDAYS, holidays: ['2026-12-25'] }, timeZone: 'Europe/Madrid', pauseStatuses: ['pending', 'on_hold'], nearBreach: 0.8,
  });
  const tag = (tags: string[]) => ({ type: 'add_tag', config: { tags } });
  await createTrigger(admin, { name: 'Tag new tickets', type: 'NEW_TICKET_CREATED', options: { origin: 'both' }, actions: [tag(['new'])] });
  await createTrigger(admin, { name: 'Note on urgent mail', type: 'NEW_TICKET_CREATED', options: { origin: 'external' }, conditions: { priorities: ['urgent', 'critical'] }, actions: [{ type: 'add_note', config: { body: 'Urgent: {{ticket.number}}' } }] });
  await createTrigger(admin, { name: 'Escalated', type: 'TICKET_FIELD_CHANGE', options: { field: 'priority', new: 'critical' }, actions: [tag(['escalated'])] });
  await createTrigger(admin, { name: 'Breached', type: 'SLA_BREACHED', options: {}, actions: [tag(['sla-breached'])] });
  await createTrigger(admin, { name: 'Closed idle', type: 'CLOSE_TICKET', options: {}, actions: [tag(['closed-idle'])] });
  return `automation on: SLA policy with business hours, round-robin in ${departments.length} department(s) among 3 agents, 5 active triggers (2 answer every new ticket)`;
}
