/**
 * Two populated tenants for the isolation and fuzz suites, seeded through the domain
 * commands on top of buildWorld: tickets with replies, internal notes and attachments,
 * departments (one inactive), tags, mailboxes, received mail, an organisation, API tokens
 * and a failed job in each. Every row records its ids and unique marker words and WHO may
 * see it, so a test can tell a leak (a marker in an answer to someone who may not see it).
 */
import { createApiToken } from '../../src/domain/auth/api-tokens.ts';
import { saveCannedReply } from '../../src/domain/canned-replies/save-canned-reply.ts';
import { createDepartment } from '../../src/domain/departments/create-department.ts';
import { updateDepartment } from '../../src/domain/departments/update-department.ts';
import { createMailbox } from '../../src/domain/mailboxes/create-mailbox.ts';
import { saveOrganisation } from '../../src/domain/organisations/save-organisation.ts';
import { inTransaction } from '../../src/domain/shared/transaction.ts';
import { ensureTags } from '../../src/domain/tags/ensure-tags.ts';
import { updateSettings } from '../../src/domain/settings/update-settings.ts';
import type { Actor } from '../../src/domain/shared/context.ts';
import { createSavedView } from '../../src/domain/saved-views/saved-views.ts';
import { createTicket } from '../../src/domain/tickets/create-ticket.ts';
import { replyToTicket } from '../../src/domain/tickets/reply-to-ticket.ts';
import { updateTicket } from '../../src/domain/tickets/update-ticket.ts';
import { createUser } from '../../src/domain/users/create-user.ts';
import { loadActor } from '../../src/domain/users/load-actor.ts';
import { insertJobs } from '../../src/jobs/jobs.repo.ts';
import { queueMail } from '../../src/mail/outbound/queue-mail.ts';
import type { Runtime } from '../../src/runtime.ts';
import { newId } from '../../src/domain/shared/clock.ts';
import { insertDeliveries, insertWebhook } from '../../src/domain/webhooks/webhooks.repo.ts';
import { newWebhookSecret } from '../../src/net/webhook-signature.ts';
import { createTrigger } from '../../src/domain/automation/manage-triggers.ts';
import { createSlaPolicy } from '../../src/domain/sla/manage-sla-policies.ts';
import { BUILT_IN_POLICY } from '../../src/domain/sla/sla-policy-values.ts';
import { deliver, eml } from './mail.ts';
import type { Person, World } from './world.ts';

export const ACTORS = ['anonymous', 'admin', 'agent', 'restrictedAgent', 'customer', 'colleague', 'stranger', 'otherAdmin', 'otherCustomer'] as const;
export type ActorName = (typeof ACTORS)[number];
export type RowKind = 'ticket' | 'message' | 'attachment' | 'department' | 'tag' | 'mailbox' | 'inbound' | 'user' | 'organisation' | 'apiToken' | 'job' | 'settings' | 'address' | 'outboundMail' | 'cannedReply' | 'savedView' | 'webhook' | 'webhookDelivery' | 'trigger' | 'slaPolicy';
export type TenantKey = 'A' | 'B';

/** One seeded row: its id, the words only it contains, and who may see it. */
export interface SeededRow {
  key: string;
  kind: RowKind;
  tenant: TenantKey;
  id: string | number;
  markers: string[];
  seenBy: ActorName[];
}

export interface SecurityWorld {
  w: World;
  rt: Runtime;
  rows: SeededRow[];
  row(key: string): SeededRow;
  /** The tenant of each actor (anonymous: none). */
  tenantOf(actor: ActorName): TenantKey | null;
  tenantId(t: TenantKey): string;
  token(actor: ActorName): string | undefined;
  person(actor: Exclude<ActorName, 'anonymous'>): Person;
  actor(name: Exclude<ActorName, 'anonymous'>): Promise<Actor>;
  /** Search words and, per actor, the seeded tickets a search for them must return. */
  searchProbes: Array<{ word: string; hits: Partial<Record<ActorName, string[]>> }>;
  /** Every marker and uuid an actor must never receive. */
  secretsFor(actor: ActorName): string[];
}

/** A deterministic source of marker words: distinct, none a substring of another. */
export function markerSource(seed: number): () => string {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => `zq${Array.from({ length: 12 }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(next() * 26)]).join('')}`;
}

/** The one seeded account that has a password (tenant A, an agent). */
export const LOGIN = { email: 'lena@example.com', password: 'a long enough password 2026' };

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

async function updateTicketlessTags(rt: Runtime, tenantId: string, names: string[]): Promise<void> {
  await inTransaction(rt.systemCtx(tenantId), (tx) => ensureTags(tx, names));
}

export async function buildSecurityWorld(rt: Runtime, w: World, seed = 6): Promise<SecurityWorld> {
  const mk = markerSource(seed);
  const rows: SeededRow[] = [];
  const add = (r: SeededRow) => { rows.push(r); return r; };
  const people: Record<Exclude<ActorName, 'anonymous'>, Person> = {
    admin: w.admin, agent: w.agent, restrictedAgent: w.restrictedAgent, customer: w.customer, colleague: w.colleague,
    stranger: w.stranger, otherAdmin: w.otherAdmin, otherCustomer: w.otherCustomer,
  };
  const tenantOf = (a: ActorName): TenantKey | null => (a === 'anonymous' ? null : a.startsWith('other') ? 'B' : 'A');
  const tenantId = (t: TenantKey) => (t === 'A' ? w.tenantId : w.otherTenantId);
  const actor = (name: Exclude<ActorName, 'anonymous'>) => loadActor(rt.db, people[name].user);
  const ctxOf = async (name: Exclude<ActorName, 'anonymous'>) => rt.ctx(tenantId(tenantOf(name)!), await actor(name), 'api');
  const system = (t: TenantKey) => rt.systemCtx(tenantId(t));
  const file = async (t: TenantKey, name: string, bytes: Buffer, contentType: string) =>
    ({ ...(await rt.attachments.putBuffer(tenantId(t), bytes)), filename: name, contentType });

  // An account with a password, for the sign-in routes' positive controls.
  await createUser(system('A'), { email: LOGIN.email, name: 'Lena Login', role: 'agent', password: LOGIN.password });

  const A_ALL: ActorName[] = ['admin', 'agent', 'restrictedAgent', 'customer', 'colleague', 'stranger'];
  const A_STAFF: ActorName[] = ['admin', 'agent', 'restrictedAgent'];
  const B_ALL: ActorName[] = ['otherAdmin', 'otherCustomer'];

  // Settings: a category only each tenant's people can learn.
  const catA = mk();
  const catB = mk();
  await updateSettings(system('A'), { categories: ['technical', 'question', 'billing', catA] });
  await updateSettings(system('B'), { categories: ['technical', 'question', 'billing', catB] });
  add({ key: 'settingsA', kind: 'settings', tenant: 'A', id: 'settings', markers: [catA], seenBy: A_ALL });
  add({ key: 'settingsB', kind: 'settings', tenant: 'B', id: 'settings', markers: [catB], seenBy: B_ALL });

  // Departments: A has 1 (default), 2 (Ventas, restricted agent's) and 3 (inactive); B has 1 and 2.
  const hiddenName = mk();
  const hidden = await createDepartment(system('A'), { name: `Dept ${hiddenName}` });
  await updateDepartment(system('A'), hidden.id, { isActive: false });
  add({ key: 'deptA1', kind: 'department', tenant: 'A', id: 1, markers: [], seenBy: A_ALL });
  add({ key: 'deptA2', kind: 'department', tenant: 'A', id: w.salesDepartmentId, markers: [], seenBy: A_ALL });
  add({ key: 'deptA3', kind: 'department', tenant: 'A', id: hidden.id, markers: [hiddenName], seenBy: A_STAFF });
  const bDeptName = mk();
  const bAddress = `${mk()}@beta.test`;
  const bDept = await createDepartment(system('B'), { name: `Dept ${bDeptName}`, addresses: [bAddress] });
  add({ key: 'deptB1', kind: 'department', tenant: 'B', id: 1, markers: [], seenBy: B_ALL });
  add({ key: 'deptB2', kind: 'department', tenant: 'B', id: bDept.id, markers: [bDeptName], seenBy: B_ALL });
  add({ key: 'addressB', kind: 'address', tenant: 'B', id: bAddress, markers: [bAddress.split('@')[0]], seenBy: ['otherAdmin'] });

  // Users: customers are private to staff and themselves; staff are seen by their tenant.
  for (const [name, seenBy] of [
    ['admin', A_ALL], ['agent', A_ALL], ['restrictedAgent', A_ALL],
    ['customer', [...A_STAFF, 'customer']], ['colleague', [...A_STAFF, 'colleague']], ['stranger', [...A_STAFF, 'stranger']],
    ['otherAdmin', B_ALL], ['otherCustomer', B_ALL],
  ] as Array<[Exclude<ActorName, 'anonymous'>, ActorName[]]>) {
    const p = people[name];
    const markers = name === 'customer' || name === 'colleague' || name === 'stranger' || name.startsWith('other') ? [p.user.name] : [];
    add({ key: `user:${name}`, kind: 'user', tenant: tenantOf(name)!, id: p.user.id, markers, seenBy });
  }

  // Organisations: Acme (carla and colin) in A; one in B nobody but its admin reads.
  add({ key: 'orgA', kind: 'organisation', tenant: 'A', id: w.organisationId, markers: [], seenBy: [...A_STAFF, 'customer', 'colleague'] });
  const orgBName = mk();
  const orgB = await saveOrganisation(system('B'), null, { name: `Org ${orgBName}`, domains: [`${mk()}.example`] });
  add({ key: 'orgB', kind: 'organisation', tenant: 'B', id: orgB.id, markers: [orgBName], seenBy: ['otherAdmin'] });

  // Tags: every person of the tenant sees the tag list. Ids count per tenant: two more in
  // A, so A's seeded tag has an id that B does not have.
  await updateTicketlessTags(rt, tenantId('A'), ['general', 'billing']);
  const tagA = mk();
  const tagB = mk();

  // Tickets. A1: carla's, in department 1 (the restricted agent cannot see it).
  const ticketOf = async (t: TenantKey, key: string, requester: Exclude<ActorName, 'anonymous'>, staff: Exclude<ActorName, 'anonymous'>,
    departmentId: number, seenBy: ActorName[], staffSeenBy: ActorName[], tag: string) => {
    const subject = mk();
    const firstBody = mk();
    const ticket = await createTicket(await ctxOf(requester), {
      subject: `Ticket ${subject}`, departmentId, channel: 'api', messages: [{ body: `Hello ${firstBody}`, messageType: 'reply' }],
    });
    await updateTicket(await ctxOf(t === 'A' ? 'admin' : 'otherAdmin'), ticket.id, { tags: [tag] });
    const replyWord = mk();
    const replyFile = mk();
    const reply = await replyToTicket(await ctxOf(staff), ticket.id, {
      body: `Answer ${replyWord}`, messageType: 'reply', channel: 'api',
      attachments: [await file(t, `${replyFile}.png`, Buffer.concat([PNG, Buffer.from(replyFile)]), 'image/png')],
    });
    const noteWord = mk();
    const noteFile = mk();
    const note = await replyToTicket(await ctxOf(staff), ticket.id, {
      body: `Internal ${noteWord}`, messageType: 'note', channel: 'api',
      attachments: [await file(t, `${noteFile}.txt`, Buffer.from(`secret ${noteFile}`), 'text/plain')],
    });
    const attachmentOf = async (messageId: string) => (await rt.db.selectFrom('attachments').select('id')
      .where('tenant_id', '=', tenantId(t)).where('message_id', '=', messageId).executeTakeFirstOrThrow()).id;
    add({ key, kind: 'ticket', tenant: t, id: ticket.id, markers: [subject, firstBody, replyWord, replyFile, ticket.id, reply.id], seenBy });
    add({ key: `${key}:note`, kind: 'message', tenant: t, id: note.id, markers: [noteWord, noteFile, note.id], seenBy: staffSeenBy });
    add({ key: `${key}:replyFile`, kind: 'attachment', tenant: t, id: await attachmentOf(reply.id), markers: [], seenBy });
    add({ key: `${key}:noteFile`, kind: 'attachment', tenant: t, id: await attachmentOf(note.id), markers: [], seenBy: staffSeenBy });
    return { ticket, subject, replyWord, noteWord };
  };
  const a1 = await ticketOf('A', 'ticketA1', 'customer', 'agent', 1, ['admin', 'agent', 'customer'], ['admin', 'agent'], tagA);
  const a2 = await ticketOf('A', 'ticketA2', 'stranger', 'restrictedAgent', w.salesDepartmentId,
    ['admin', 'agent', 'restrictedAgent', 'stranger'], ['admin', 'agent', 'restrictedAgent'], tagA);
  const b1 = await ticketOf('B', 'ticketB1', 'otherCustomer', 'otherAdmin', 1, B_ALL, ['otherAdmin'], tagB);
  const tagId = async (t: TenantKey, name: string) => (await rt.db.selectFrom('tags').select('id')
    .where('tenant_id', '=', tenantId(t)).where('name', '=', name).executeTakeFirstOrThrow()).id;
  add({ key: 'tagA', kind: 'tag', tenant: 'A', id: await tagId('A', tagA), markers: [tagA], seenBy: A_ALL });
  add({ key: 'tagB', kind: 'tag', tenant: 'B', id: await tagId('B', tagB), markers: [tagB], seenBy: B_ALL });

  // Mailboxes and received mail: admins only.
  for (const t of ['A', 'B'] as const) {
    const admin: ActorName = t === 'A' ? 'admin' : 'otherAdmin';
    const name = mk();
    const mailbox = await createMailbox(system(t), rt.secrets, { name: `Mailbox ${name}`, kind: 'imap', host: `${name}.example.com`, username: name, password: 'p' });
    add({ key: `mailbox${t}`, kind: 'mailbox', tenant: t, id: mailbox.id, markers: [name], seenBy: [admin] });
    const subject = mk();
    const inbound = await deliver(rt, eml({ from: `${mk()}@sender.example`, to: `${mk()}@nowhere.example`, subject: `Mail ${subject}`, body: 'x' }), { tenantId: tenantId(t) });
    add({ key: `inbound${t}`, kind: 'inbound', tenant: t, id: inbound.id, markers: [subject], seenBy: [admin] });
  }

  // API tokens: their owner and the tenant's admin see them.
  for (const [owner, key, seenBy] of [
    ['admin', 'tokenA:admin', ['admin']], ['customer', 'tokenA:customer', ['admin', 'customer']], ['otherAdmin', 'tokenB:admin', ['otherAdmin']],
  ] as Array<[Exclude<ActorName, 'anonymous'>, string, ActorName[]]>) {
    const name = mk();
    const { row } = await createApiToken(await ctxOf(owner), { name: `Token ${name}`, scopes: ['read'] });
    add({ key, kind: 'apiToken', tenant: tenantOf(owner)!, id: row.id, markers: [name], seenBy });
  }

  // A failed job in each tenant (its task does not exist, so it fails on its first run).
  await insertJobs(rt.db, [
    { tenantId: w.tenantId, name: 'test.missing_task', payload: {} },
    { tenantId: w.otherTenantId, name: 'test.missing_task', payload: {} },
  ]);
  for (let i = 0; i < 20 && (await rt.worker.runOnce()); i++) { /* drain what the seeding queued */ }
  for (const t of ['A', 'B'] as const) {
    const job = await rt.db.selectFrom('jobs').select('id').where('tenant_id', '=', tenantId(t))
      .where('name', '=', 'test.missing_task').where('status', '=', 'failed').executeTakeFirstOrThrow();
    add({ key: `job${t}`, kind: 'job', tenant: t, id: Number(job.id), markers: [], seenBy: [t === 'A' ? 'admin' : 'otherAdmin'] });
  }

  // A scheduled outgoing mail in each tenant (admins only see the outbox).
  for (const t of ['A', 'B'] as const) {
    const name = mk();
    const { id } = await queueMail(rt.systemCtx(tenantId(t)), {
      ticketId: null, messageId: null, kind: 'notification', to: [`${name}@example.com`], from: 'Parley <help@example.com>',
      subject: `Outbox ${name}`, text: name, automatic: true, sendAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    add({ key: `outboundMail${t}`, kind: 'outboundMail', tenant: t, id, markers: [name], seenBy: [t === 'A' ? 'admin' : 'otherAdmin'] });
  }

  // Canned replies: a person's own are theirs alone; shared ones are seen by the staff who see their department.
  for (const [owner, key, shared, departmentId, seenBy] of [
    ['agent', 'cannedA:agent', false, null, ['agent']],
    ['admin', 'cannedA:dept1', true, 1, ['admin', 'agent']],
    ['admin', 'cannedA:sales', true, w.salesDepartmentId, A_STAFF],
    ['otherAdmin', 'cannedB:shared', true, null, ['otherAdmin']],
  ] as Array<[Exclude<ActorName, 'anonymous'>, string, boolean, number | null, ActorName[]]>) {
    const name = mk();
    const body = mk();
    const reply = await saveCannedReply(await ctxOf(owner), null, { name: `Canned ${name}`, body: `Hello ${body}`, shared, departmentId });
    add({ key, kind: 'cannedReply', tenant: tenantOf(owner)!, id: reply.id, markers: [name, body], seenBy });
  }

  // Saved views of the ticket list: their owner's only (not even an admin sees another's).
  for (const owner of ['admin', 'agent', 'customer', 'otherAdmin'] as const) {
    const name = mk();
    const view = await createSavedView(await ctxOf(owner), { name: `View ${name}`, filters: { status: 'open' } });
    add({ key: `savedView:${owner}`, kind: 'savedView', tenant: tenantOf(owner)!, id: view.id, markers: [name, view.id], seenBy: [owner] });
  }

  // Webhooks and their log: the admins of their tenant only. Their URL is an internal address the guard refuses
  // at delivery (this runtime allows none), so nothing ever leaves the test; stored directly, past the save check.
  for (const [t, admin] of [['A', 'admin'], ['B', 'otherAdmin']] as const) {
    const name = mk();
    const id = newId();
    const now = new Date().toISOString();
    await insertWebhook(rt.db, {
      tenant_id: tenantId(t), id, url: `http://127.0.0.1:9/${name}`, description: `Hook ${name}`, events: '["ticket.created"]', format: 'standard',
      secret: rt.secrets.seal(newWebhookSecret()), previous_secret: null, previous_secret_until: null, is_active: true, disabled_reason: null,
      created_by: null, created_at: now, updated_at: now,
    });
    add({ key: `webhook${t}`, kind: 'webhook', tenant: t, id, markers: [name], seenBy: [admin] });
    const deliveryId = newId();
    await insertDeliveries(rt.db, [{
      tenant_id: tenantId(t), id: deliveryId, webhook_id: id, message_id: `msg_${name}`, event_id: null, event_name: 'webhook.test', dedupe_key: null,
      body: `{"marker":"${name}"}`, status: 'failed', attempts: 1, next_attempt_at: now, claimed_by: null, lease_until: null, last_status_code: 500,
      last_duration_ms: 3, last_error: 'the receiver answered 500', response_excerpt: `excerpt ${name}`, created_at: now, finished_at: now,
    }]);
    add({ key: `webhookDelivery${t}`, kind: 'webhookDelivery', tenant: t, id: deliveryId, markers: [name], seenBy: [admin] });
  }

  // SLA policies: the tenant default of each tenant, read by its staff, managed by its admins.
  for (const [t, owner, seenBy] of [['A', 'admin', A_STAFF], ['B', 'otherAdmin', ['otherAdmin']]] as const) {
    const name = mk();
    const policy = await createSlaPolicy(await ctxOf(owner), { name: `SLA ${name}`, scope: { type: 'default' }, targets: BUILT_IN_POLICY.targets, businessHours: null, timeZone: 'UTC', pauseStatuses: ['pending', 'on_hold'], nearBreach: 0.8 });
    add({ key: `slaPolicy${t}`, kind: 'slaPolicy', tenant: t, id: policy.id, markers: [name], seenBy: [...seenBy] });
  }

  // Triggers and their run log: the admins of their tenant only (a run's error holds the marker too).
  for (const [t, admin] of [['A', 'admin'], ['B', 'otherAdmin']] as const) {
    const name = mk();
    const trigger = await createTrigger(await ctxOf(admin), { name: `Trigger ${name}`, type: 'NEW_TICKET_CREATED', options: { origin: 'both' }, actions: [{ type: 'add_note', config: { body: `Note ${name}` } }], active: false });
    await rt.db.insertInto('trigger_runs').values({
      tenant_id: tenantId(t), id: newId(), trigger_id: trigger.id, ticket_id: null, event_id: 1, event_name: 'ticket.created', status: 'failed',
      results: '[]', error: `failed ${name}`, chain_depth: 0, started_at: new Date().toISOString(), duration_ms: 1,
    }).execute();
    add({ key: `trigger${t}`, kind: 'trigger', tenant: t, id: trigger.id, markers: [name], seenBy: [admin] });
  }

  const searchProbes: SecurityWorld['searchProbes'] = [
    { word: a1.subject, hits: { admin: [a1.ticket.id], agent: [a1.ticket.id], customer: [a1.ticket.id] } },
    { word: a1.replyWord, hits: { admin: [a1.ticket.id], agent: [a1.ticket.id], customer: [a1.ticket.id] } },
    { word: a1.noteWord, hits: { admin: [a1.ticket.id], agent: [a1.ticket.id] } },
    { word: a2.subject, hits: { admin: [a2.ticket.id], agent: [a2.ticket.id], restrictedAgent: [a2.ticket.id], stranger: [a2.ticket.id] } },
    { word: a2.noteWord, hits: { admin: [a2.ticket.id], agent: [a2.ticket.id], restrictedAgent: [a2.ticket.id] } },
    { word: b1.subject, hits: { otherAdmin: [b1.ticket.id], otherCustomer: [b1.ticket.id] } },
    { word: b1.noteWord, hits: { otherAdmin: [b1.ticket.id] } },
  ];

  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    w, rt, rows, searchProbes, tenantOf, tenantId, actor,
    row: (key) => byKey.get(key) ?? (() => { throw new Error(`no seeded row ${key}`); })(),
    token: (a) => (a === 'anonymous' ? undefined : people[a].token),
    person: (a) => people[a],
    secretsFor: (a) => rows.filter((r) => !r.seenBy.includes(a))
      .flatMap((r) => [...r.markers, ...(typeof r.id === 'string' && /^[0-9a-f-]{36}$/.test(r.id) ? [r.id] : [])]),
  };
}
