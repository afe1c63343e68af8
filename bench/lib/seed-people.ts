/**
 * The small, hand-made part of the seed, created through the domain commands exactly
 * as an admin would: departments with their queue addresses, organisations with mail
 * domains, agents in departments, customers (who join their organisation by domain),
 * and tags. The bulk (tickets) is written by seed-tickets.ts.
 */
import { createDepartment } from '../../src/domain/departments/create-department.ts';
import { listDepartments } from '../../src/domain/departments/departments.repo.ts';
import { saveOrganisation } from '../../src/domain/organisations/save-organisation.ts';
import { inTransaction } from '../../src/domain/shared/transaction.ts';
import { ensureTags } from '../../src/domain/tags/ensure-tags.ts';
import { createUser } from '../../src/domain/users/create-user.ts';
import { findUserByEmail } from '../../src/domain/users/users.repo.ts';
import type { Runtime } from '../../src/runtime.ts';
import { Prng } from './prng.ts';

export const BENCH_ADMIN_EMAIL = 'bench-admin@parley.test';

export interface SeedDepartment { id: number; slug: string; weight: number; agentIds: string[]; category: string | null }
export interface SeedCustomer { id: string; email: string; organisationId: string | null }
export interface SeedPeople {
  adminId: string;
  departments: SeedDepartment[];
  customers: SeedCustomer[];
  tags: Array<{ id: number; name: string }>;
}

/** Share of tickets per department, its agents, and the category its tickets usually get. */
const DEPARTMENTS = [
  { name: 'Ventas', address: 'ventas', weight: 14, agents: 3, category: 'question' },
  { name: 'Facturación', address: 'facturacion', weight: 16, agents: 3, category: 'billing' },
  { name: 'Administración', address: 'admin', weight: 6, agents: 2, category: null },
  { name: 'Redes y Sistemas', address: 'sistemas', weight: 11, agents: 4, category: 'technical' },
  { name: 'Dominios', address: 'dominios', weight: 8, agents: 2, category: 'technical' },
];
const SUPPORT = { weight: 45, agents: 10, category: 'technical' };

const TAGS = ['urgente', 'vip', 'facturación', 'dns', 'correo', 'ssl', 'wordpress', 'migración', 'spam', 'renovación',
  'reembolso', 'caída', 'rendimiento', 'seguridad', 'backup', 'dominio', 'vps', 'php', 'mysql', 'cpanel', 'phishing',
  'bug', 'feature-request', 'onboarding', 'cancelación', 'upgrade', 'api', 'móvil', 'gdpr', 'escalado'];
const FREE_MAIL = ['gmail.com', 'hotmail.com', 'outlook.com', 'yahoo.es', 'icloud.com', 'proton.me'];
const FIRST = ['Ana', 'Luis', 'Marta', 'Javier', 'Lucía', 'Carlos', 'Elena', 'Pablo', 'Sofía', 'Diego', 'Laura', 'Miguel',
  'John', 'Emma', 'Oliver', 'Mia', 'Noah', 'Isabel', 'Jorge', 'Carmen', 'Raúl', 'Paula', 'Hugo', 'Irene'];
const LAST = ['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Ruiz', 'Díaz', 'Moreno', 'Álvarez',
  'Romero', 'Navarro', 'Torres', 'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', 'Castro', 'Ortega'];

/** Customers scale with the ticket count (about 300 tickets each at 1M), within limits. */
export const customerCount = (tickets: number): number => Math.min(3000, Math.max(100, Math.round(tickets / 300)));

export async function seedPeople(rt: Runtime, tickets: number): Promise<SeedPeople> {
  const rng = new Prng(42);
  const tenantId = rt.defaultTenantId;
  const system = rt.systemCtx(tenantId);
  const admin = await createUser(system, { email: BENCH_ADMIN_EMAIL, name: 'Bench Admin', role: 'admin' });
  await createUser(system, { email: 'it-admin@parley.test', name: 'Irene Admin', role: 'admin' });

  const support = (await listDepartments(rt.db, tenantId))[0];
  const departments: SeedDepartment[] = [{ id: support.id, slug: support.slug, weight: SUPPORT.weight, agentIds: [], category: SUPPORT.category }];
  const agentsWanted = [SUPPORT.agents];
  for (const d of DEPARTMENTS) {
    const row = await createDepartment(system, { name: d.name, addresses: [`${d.address}@parley.test`] });
    departments.push({ id: row.id, slug: row.slug, weight: d.weight, agentIds: [], category: d.category });
    agentsWanted.push(d.agents);
  }
  let agentNo = 0;
  for (const [i, dep] of departments.entries()) {
    for (let a = 0; a < agentsWanted[i]; a++) {
      // Some agents also cover a second department, as small teams do.
      const other = rng.chance(0.3) ? departments[rng.int(departments.length)].id : dep.id;
      const agent = await createUser(system, {
        email: `agent${++agentNo}@parley.test`, name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`, role: 'agent',
        departmentIds: [...new Set([dep.id, other])], restrictedToDepartments: rng.chance(0.25),
      });
      dep.agentIds.push(agent.id);
    }
  }

  const orgDomains: string[] = [];
  for (let o = 1; o <= 40; o++) {
    const domain = `cliente${o}.example`;
    await saveOrganisation(system, null, { name: `${rng.pick(LAST)} ${['S.L.', 'S.A.', 'Ltd', 'Group', 'Hosting'][o % 5]} ${o}`, domains: [domain] });
    orgDomains.push(domain);
  }
  const customers: SeedCustomer[] = [];
  const count = customerCount(tickets);
  // One transaction: thousands of small commits would dominate the seeding time.
  await inTransaction(system, async (tx) => {
    for (let c = 1; c <= count; c++) {
      const domain = rng.chance(0.65) ? rng.pick(orgDomains) : rng.pick(FREE_MAIL);
      const first = rng.pick(FIRST);
      const last = rng.pick(LAST);
      const user = await createUser(tx, { email: `${first}.${last}.${c}@${domain}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(), name: `${first} ${last}`, role: 'customer' });
      customers.push({ id: user.id, email: user.email, organisationId: user.organisation_id });
    }
  });
  const tags = await inTransaction(system, (tx) => ensureTags(tx, TAGS));
  return { adminId: admin.id, departments, customers, tags: tags.map((t) => ({ id: t.id, name: t.name })) };
}

/** The bench admin of a database seeded earlier (reused with --keep). */
export async function findBenchAdmin(rt: Runtime): Promise<string | undefined> {
  return (await findUserByEmail(rt.db, rt.defaultTenantId, BENCH_ADMIN_EMAIL))?.id;
}
