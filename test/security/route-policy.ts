/**
 * THE contract of every API operation, in one table: who may call it, which row its
 * {id} names, what a role that may not call it gets, and a legitimate call that must
 * work (so a denial is never mistaken for a broken route). The isolation and fuzz
 * suites are generated from the OpenAPI document and this table; an operation in the
 * document without an entry here fails the suite, so a new route is covered from its
 * first commit. Keys are "METHOD /path" as the document spells them (the document has
 * no operationIds yet; when it gets them, keep the key and add `operationId`).
 */
import { createApiToken } from '../../src/domain/auth/api-tokens.ts';
import { saveCannedReply } from '../../src/domain/canned-replies/save-canned-reply.ts';
import { createMailbox } from '../../src/domain/mailboxes/create-mailbox.ts';
import { ensureTags } from '../../src/domain/tags/ensure-tags.ts';
import { inTransaction } from '../../src/domain/shared/transaction.ts';
import { newId } from '../../src/domain/shared/clock.ts';
import { createSavedView } from '../../src/domain/saved-views/saved-views.ts';
import { createUser } from '../../src/domain/users/create-user.ts';
import { insertNotifications } from '../../src/domain/user-notifications/user-notifications.repo.ts';
import { insertJobs } from '../../src/jobs/jobs.repo.ts';
import { queueMail } from '../../src/mail/outbound/queue-mail.ts';
import { insertWebhook } from '../../src/domain/webhooks/webhooks.repo.ts';
import { newWebhookSecret } from '../../src/net/webhook-signature.ts';
import { createTrigger } from '../../src/domain/automation/manage-triggers.ts';
import { createSlaPolicy } from '../../src/domain/sla/manage-sla-policies.ts';
import { saveOrganisation } from '../../src/domain/organisations/save-organisation.ts';
import { BUILT_IN_POLICY } from '../../src/domain/sla/sla-policy-values.ts';
import { LOGIN, type ActorName, type RowKind, type SecurityWorld } from '../helpers/security-world.ts';

/** 'ok': the role may use the route (then a row it may not see is a 404); else the status it always gets. */
export type Access = 'ok' | 403 | 404;
export type Category = 'read' | 'write' | 'list' | 'search' | 'attachment' | 'auth';

export interface RoutePolicy {
  category: Category[];
  /** 'required': anonymous callers get 401. 'public': anyone may call it. */
  auth: 'required' | 'public';
  /** The kind of row the {id} of the path names. */
  row?: RowKind;
  roles: { admin: Access; agent: Access; customer: Access };
  /** The positive control: this actor, on this row, with this body, gets one of these statuses. */
  legit: { actor: ActorName; target?: (s: SecurityWorld) => Promise<string | number>; status: number[] };
  /** A valid body: denials must come from authorization, not from validation. */
  body?: (s: SecurityWorld) => unknown;
  /** The route also takes multipart/form-data with files in `attachments`. */
  multipart?: Record<string, string>;
  /** List routes: the kind of row listed, and query strings to try (results must all be visible). */
  lists?: RowKind;
  queries?: (s: SecurityWorld) => string[];
  /** Rows named in the body: naming one the actor may not use must answer exactly as naming a missing one. */
  bodyRefs?: Array<{
    name: string;
    body: (s: SecurityWorld, ref: string | number) => unknown;
    missing: string | number;
    /** For a route with {id}: the row the call goes to (one the actors below may see). */
    target?: (s: SecurityWorld) => Promise<string | number>;
    /** Per actor, the refs it may not use. */
    invalid: (s: SecurityWorld) => Array<{ actor: ActorName; ref: string | number }>;
  }>;
  /** Calls that must answer identically (an existence oracle otherwise), for public routes. */
  sameAnswer?: (s: SecurityWorld) => Array<[unknown, unknown]>;
  /** Actors the generated cases run as, when some must not (e.g. logging out would end their token). */
  onlyActors?: ActorName[];
  /** A response that never ends (SSE): inject() cannot read it, so the generic cases run only where it is refused; the file named here covers the rest over real HTTP. */
  streaming?: string;
}

const ADMIN_ONLY = { admin: 'ok', agent: 403, customer: 403 } as const;
const SLA_TARGETS = BUILT_IN_POLICY.targets;
const STAFF = { admin: 'ok', agent: 'ok', customer: 403 } as const;
const EVERYONE = { admin: 'ok', agent: 'ok', customer: 'ok' } as const;
const MISSING_UUID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const PASSWORD = 'a long enough password 2026';

/** Unique names without randomness: the suites must run the same way every time. */
let counter = 0;
const uniq = () => `u${++counter}`;

const tid = (s: SecurityWorld, t: 'A' | 'B') => s.tenantId(t);
const sys = (s: SecurityWorld) => s.rt.systemCtx(tid(s, 'A'));

/** Rows made for one positive control that destroys or changes what it touches. */
const fresh = {
  tag: async (s: SecurityWorld) => (await inTransaction(sys(s), (tx) => ensureTags(tx, [`fresh-${uniq()}`])))[0].id,
  mailbox: async (s: SecurityWorld) => (await createMailbox(sys(s), s.rt.secrets, {
    name: `Fresh ${uniq()}`, kind: 'imap', host: '127.0.0.1', port: 1, security: 'none', username: 'u', password: 'p',
  })).id,
  apiToken: async (s: SecurityWorld) => (await createApiToken(s.rt.ctx(tid(s, 'A'), await s.actor('admin'), 'api'), { name: 'fresh', scopes: ['read'] })).row.id,
  user: async (s: SecurityWorld) => (await createUser(sys(s), { email: `fresh-${uniq()}@acme.example`, name: 'Fresh Person', role: 'customer' })).id,
  failedJob: async (s: SecurityWorld) => {
    await insertJobs(s.rt.db, [{ tenantId: tid(s, 'A'), name: 'test.missing_task', payload: {} }]);
    await s.rt.worker.runOnce();
    const row = await s.rt.db.selectFrom('jobs').select('id').where('tenant_id', '=', tid(s, 'A')).where('status', '=', 'failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    return Number(row.id);
  },
  /** An in-app notification of the admin of tenant A, about a ticket they see. */
  notification: async (s: SecurityWorld) => {
    const [n] = await insertNotifications(s.rt.db, tid(s, 'A'), [{
      id: newId(), user_id: s.person('admin').user.id, kind: 'assigned', ticket_id: String(s.row('ticketA1').id),
      actor_id: null, event_id: 1_000_000 + ++counter, created_at: new Date().toISOString(),
    }]);
    return n.id;
  },
  /** A personal canned reply of tenant A's agent. */
  cannedReply: async (s: SecurityWorld) => (await saveCannedReply(s.rt.ctx(tid(s, 'A'), await s.actor('agent'), 'api'), null, { name: `Fresh ${uniq()}`, body: 'Hi {{requester.first_name}}' })).id,
  /** A saved view of the admin of tenant A. */
  savedView: async (s: SecurityWorld) => (await createSavedView(s.rt.ctx(tid(s, 'A'), await s.actor('admin'), 'api'), { name: `Fresh ${uniq()}`, filters: {} })).id,
  /** An SLA policy of tenant A for an organisation of its own (one policy per scope: a fresh organisation each time). */
  slaPolicy: async (s: SecurityWorld) => {
    const ctx = s.rt.ctx(tid(s, 'A'), await s.actor('admin'), 'api');
    const org = await saveOrganisation(ctx, null, { name: `Org ${uniq()}` });
    return (await createSlaPolicy(ctx, { name: `Fresh ${uniq()}`, scope: { type: 'organisation', organisationId: org.id }, targets: BUILT_IN_POLICY.targets, businessHours: null, timeZone: 'UTC', pauseStatuses: ['pending'], nearBreach: 0.8 })).id;
  },
  /** A webhook of tenant A (an internal URL, refused at delivery), stored past the save check. */
  webhook: async (s: SecurityWorld) => {
    const id = newId();
    const now = new Date().toISOString();
    await insertWebhook(s.rt.db, {
      tenant_id: tid(s, 'A'), id, url: 'http://127.0.0.1:9/fresh', description: null, events: '["ticket.created"]', format: 'standard',
      secret: s.rt.secrets.seal(newWebhookSecret()), previous_secret: null, previous_secret_until: null, is_active: true, disabled_reason: null,
      created_by: null, created_at: now, updated_at: now,
    });
    return id;
  },
  /** An inactive trigger of tenant A. */
  trigger: async (s: SecurityWorld) => (await createTrigger(s.rt.ctx(tid(s, 'A'), await s.actor('admin'), 'api'), {
    name: `Fresh ${uniq()}`, type: 'CLOSE_TICKET', options: {}, actions: [], active: false,
  })).id,
  /** A scheduled mail of tenant A, put in the given state. */
  outboundMail: (status: 'queued' | 'held' | 'failed') => async (s: SecurityWorld) => {
    const { id } = await queueMail(sys(s), {
      ticketId: null, messageId: null, kind: 'reply', to: [`fresh-${uniq()}@example.com`], from: 'Parley <help@example.com>',
      subject: 'Fresh', text: 'fresh', automatic: false, sendAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    await s.rt.db.updateTable('outbound_mails').set({ status }).where('id', '=', id).execute();
    return id;
  },
};
const rowId = (key: string) => async (s: SecurityWorld) => s.row(key).id;

const ticketMessage = (body: string) => ({ subject: 'Printer on fire', messages: [{ body }] });

export const routePolicy: Record<string, RoutePolicy> = {
  // ---- auth (public) ----
  'POST /tickets/api/auth/token/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'],
    legit: { actor: 'anonymous', status: [200] }, body: () => ({ ...LOGIN }),
    sameAnswer: () => [[{ email: 'admin@example.com', password: 'wrong password here' }, { email: 'nobody@example.com', password: 'wrong password here' }],
      [{ email: 'admin@other.example', password: 'wrong password here' }, { email: 'nobody@other.example', password: 'wrong password here' }]],
  },
  'POST /tickets/api/auth/token/refresh/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'],
    legit: { actor: 'anonymous', status: [401] }, body: () => ({ refresh: 'not-a-token' }),
  },
  'POST /tickets/api/auth/login/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'],
    legit: { actor: 'anonymous', status: [200] }, body: () => ({ ...LOGIN }),
    sameAnswer: () => [[{ email: 'agent@example.com', password: 'wrong password here' }, { email: 'nobody@example.com', password: 'wrong password here' }]],
  },
  'GET /tickets/api/auth/session/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'], legit: { actor: 'anonymous', status: [401] },
  },
  'POST /tickets/api/auth/logout/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'], legit: { actor: 'anonymous', status: [204] },
  },
  'POST /tickets/api/auth/register/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'],
    legit: { actor: 'anonymous', status: [403] }, body: () => ({ email: 'new@acme.example', password: PASSWORD, name: 'New Person' }),
  },
  'POST /tickets/api/auth/password-reset/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'],
    legit: { actor: 'anonymous', status: [202] }, body: () => ({ email: 'nobody@example.com' }),
    sameAnswer: () => [[{ email: 'sue@elsewhere.example' }, { email: 'nobody-at-all@example.com' }]],
  },
  'POST /tickets/api/auth/password-reset/confirm/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'],
    legit: { actor: 'anonymous', status: [400, 401, 404, 422] }, body: () => ({ token: 'not-a-token', password: PASSWORD }),
  },
  'GET /tickets/api/portal/': { category: ['read'], auth: 'public', roles: EVERYONE, legit: { actor: 'anonymous', status: [200] } },
  'GET /tickets/api/oauth/callback/': {
    category: ['auth'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'], legit: { actor: 'anonymous', status: [400, 403, 422] },
  },

  // ---- the signed-in account ----
  'GET /tickets/api/me/': { category: ['read'], auth: 'required', roles: EVERYONE, legit: { actor: 'customer', status: [200] } },
  'PATCH /tickets/api/me/': {
    category: ['write'], auth: 'required', roles: EVERYONE, legit: { actor: 'colleague', status: [200] }, body: () => ({ language: 'es' }),
  },
  'GET /tickets/api/me/notification-preferences/': { category: ['read'], auth: 'required', roles: EVERYONE, legit: { actor: 'customer', status: [200] } },
  'PUT /tickets/api/me/notification-preferences/': {
    category: ['write'], auth: 'required', roles: EVERYONE, legit: { actor: 'colleague', status: [200] }, body: () => ({ email: { new_ticket: false } }),
  },

  // ---- in-app notifications (own only) ----
  'GET /tickets/api/notifications/': {
    category: ['list'], auth: 'required', roles: EVERYONE, legit: { actor: 'agent', status: [200] }, queries: () => ['', '?unread=true'],
  },
  'POST /tickets/api/notifications/{id}/read/': {
    category: ['write'], auth: 'required', roles: EVERYONE, legit: { actor: 'admin', target: fresh.notification, status: [200] },
  },
  'POST /tickets/api/notifications/read-all/': { category: ['write'], auth: 'required', roles: EVERYONE, legit: { actor: 'agent', status: [200] } },

  // ---- tickets ----
  'GET /tickets/api/tickets/': {
    category: ['list', 'search'], auth: 'required', roles: EVERYONE, legit: { actor: 'agent', status: [200] }, lists: 'ticket',
    queries: (s) => [
      '', '?status=new,open,pending,on_hold,resolved,closed', `?requester=${s.person('customer').user.email}`, `?requester=${s.person('customer').user.id}`,
      `?requester=${s.person('otherCustomer').user.id}`, `?organisation=${s.row('orgA').id}`, `?organisation=${s.row('orgB').id}`,
      `?tag=${s.row('tagA').markers[0]}`, `?tag=${s.row('tagB').markers[0]}`, '?department=1', '?department=2', '?department=3',
      `?assignee=${s.person('agent').user.id}`, '?search=TK-000001', '?search=TK-000002', '?sort=updated_at&limit=1',
      ...s.searchProbes.map((p) => `?search=${p.word}`),
    ],
  },
  'POST /tickets/api/tickets/': {
    category: ['write', 'attachment'], auth: 'required', roles: EVERYONE, legit: { actor: 'customer', status: [201] },
    body: () => ticketMessage('It burns'), multipart: { subject: 'Printer on fire', body: 'It burns' },
    bodyRefs: [
      {
        name: 'department', missing: 99, body: (_s, ref) => ({ ...ticketMessage('x'), department: ref }),
        invalid: () => [
          { actor: 'restrictedAgent', ref: 1 }, { actor: 'restrictedAgent', ref: 3 }, { actor: 'customer', ref: 3 },
          { actor: 'stranger', ref: 3 }, { actor: 'otherAdmin', ref: 3 }, { actor: 'otherCustomer', ref: 3 },
        ],
      },
      {
        name: 'requester', missing: MISSING_UUID, body: (_s, ref) => ({ ...ticketMessage('x'), requester: ref }),
        invalid: (s) => [{ actor: 'admin', ref: s.person('otherCustomer').user.id }, { actor: 'agent', ref: s.person('otherAdmin').user.id },
          { actor: 'otherAdmin', ref: s.person('customer').user.id }],
      },
      {
        name: 'assignee', missing: MISSING_UUID, body: (_s, ref) => ({ ...ticketMessage('x'), assignee: ref }),
        invalid: (s) => [{ actor: 'admin', ref: s.person('otherAdmin').user.id }, { actor: 'otherAdmin', ref: s.person('agent').user.id }],
      },
    ],
  },
  'GET /tickets/api/tickets/{id}/': {
    category: ['read'], auth: 'required', row: 'ticket', roles: EVERYONE, legit: { actor: 'customer', target: rowId('ticketA1'), status: [200] },
  },
  'PATCH /tickets/api/tickets/{id}/': {
    category: ['write'], auth: 'required', row: 'ticket', roles: EVERYONE,
    legit: { actor: 'agent', target: rowId('ticketA1'), status: [200] }, body: () => ({ priority: 'high' }),
    bodyRefs: [{
      name: 'assignee', missing: MISSING_UUID, target: rowId('ticketA2'), body: (_s, ref) => ({ assignee: ref }),
      invalid: (s) => [{ actor: 'admin', ref: s.person('otherAdmin').user.id }, { actor: 'restrictedAgent', ref: s.person('otherAdmin').user.id }],
    }],
  },
  'POST /tickets/api/tickets/bulk/': {
    category: ['write'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] },
    body: (s) => ({ ids: [s.row('ticketA1').id, s.row('ticketA2').id, s.row('ticketB1').id], changes: { priority: 'high', add_tags: ['bulk'] } }),
    bodyRefs: [{
      name: 'assignee', missing: MISSING_UUID, body: (s, ref) => ({ ids: [s.row('ticketA1').id], changes: { assignee: ref } }),
      invalid: (s) => [{ actor: 'admin', ref: s.person('otherAdmin').user.id }, { actor: 'agent', ref: s.person('customer').user.id }],
    }],
  },
  'GET /tickets/api/tickets/{id}/messages/': {
    category: ['read'], auth: 'required', row: 'ticket', roles: EVERYONE, legit: { actor: 'customer', target: rowId('ticketA1'), status: [200] },
  },
  'POST /tickets/api/tickets/{id}/reply/': {
    category: ['write', 'attachment'], auth: 'required', row: 'ticket', roles: EVERYONE,
    legit: { actor: 'customer', target: rowId('ticketA1'), status: [201] }, body: () => ({ body: 'Any news?' }), multipart: { body: 'Any news?' },
  },
  'POST /tickets/api/tickets/{id}/notes/': {
    category: ['write', 'attachment'], auth: 'required', row: 'ticket', roles: EVERYONE,
    legit: { actor: 'agent', target: rowId('ticketA1'), status: [201] }, body: () => ({ body: 'Looked at it' }), multipart: { body: 'Looked at it' },
  },
  'PUT /tickets/api/tickets/{id}/presence/': {
    category: ['write'], auth: 'required', row: 'ticket', roles: STAFF,
    legit: { actor: 'agent', target: rowId('ticketA1'), status: [200] }, body: () => ({ state: 'viewing' }),
  },
  'DELETE /tickets/api/tickets/{id}/presence/': {
    category: ['write'], auth: 'required', row: 'ticket', roles: STAFF, legit: { actor: 'agent', target: rowId('ticketA1'), status: [204] },
  },
  // Resolution and satisfaction (docs/satisfaction.md): staff read ratings; only customers confirm and rate (ticketA1 is not resolved: 409).
  'GET /tickets/api/tickets/{id}/satisfaction/': {
    category: ['read'], auth: 'required', row: 'ticket', roles: EVERYONE, legit: { actor: 'customer', target: rowId('ticketA1'), status: [200] },
  },
  'POST /tickets/api/tickets/{id}/confirm-resolution/': {
    category: ['write'], auth: 'required', row: 'ticket', roles: { admin: 403, agent: 403, customer: 'ok' },
    legit: { actor: 'customer', target: rowId('ticketA1'), status: [200, 409] },
  },
  'POST /tickets/api/tickets/{id}/satisfaction/': {
    category: ['write'], auth: 'required', row: 'ticket', roles: { admin: 403, agent: 403, customer: 'ok' },
    legit: { actor: 'customer', target: rowId('ticketA1'), status: [201, 409] }, body: () => ({ rating: 5 }),
  },
  'GET /tickets/api/attachments/{id}/': {
    category: ['attachment', 'read'], auth: 'required', row: 'attachment', roles: EVERYONE,
    legit: { actor: 'customer', target: rowId('ticketA1:replyFile'), status: [200] },
  },

  // ---- saved views of the ticket list (own only; another's, even to an admin, is not found) ----
  'GET /tickets/api/views/': { category: ['list'], auth: 'required', roles: EVERYONE, legit: { actor: 'agent', status: [200] }, lists: 'savedView' },
  'POST /tickets/api/views/': {
    category: ['write'], auth: 'required', roles: EVERYONE, legit: { actor: 'customer', status: [201] },
    body: () => ({ name: `View ${uniq()}`, filters: { priority: 'high', sort: '-updated_at' } }),
  },
  'GET /tickets/api/views/counts/': { category: ['read'], auth: 'required', roles: EVERYONE, legit: { actor: 'agent', status: [200] } },
  'GET /tickets/api/tickets/count/': {
    category: ['read', 'search'], auth: 'required', roles: EVERYONE, legit: { actor: 'agent', status: [200] },
    queries: (s) => ['', '?department=mine', '?requester=me', `?organisation=${s.row('orgB').id}`, `?tag=${s.row('tagB').markers[0]}`, ...s.searchProbes.map((p) => `?search=${p.word}`)],
  },
  'PATCH /tickets/api/views/{id}/': {
    category: ['write'], auth: 'required', row: 'savedView', roles: EVERYONE,
    legit: { actor: 'admin', target: fresh.savedView, status: [200] }, body: () => ({ name: `Renamed ${uniq()}`, position: 0 }),
  },
  'DELETE /tickets/api/views/{id}/': {
    category: ['write'], auth: 'required', row: 'savedView', roles: EVERYONE, legit: { actor: 'admin', target: fresh.savedView, status: [204] },
  },

  // ---- departments and tags ----
  'GET /tickets/api/departments/': { category: ['list'], auth: 'required', roles: EVERYONE, legit: { actor: 'customer', status: [200] }, lists: 'department' },
  'POST /tickets/api/departments/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [201] },
    body: () => ({ name: `Dept ${uniq()}` }),
    bodyRefs: [{
      name: 'default_owner', missing: MISSING_UUID, body: (_s, ref) => ({ name: 'Owned', default_owner: ref }),
      invalid: (s) => [{ actor: 'admin', ref: s.person('otherAdmin').user.id }, { actor: 'otherAdmin', ref: s.person('admin').user.id }],
    }],
  },
  'GET /tickets/api/departments/{id}/': {
    category: ['read'], auth: 'required', row: 'department', roles: EVERYONE, legit: { actor: 'customer', target: async () => 2, status: [200] },
  },
  'PATCH /tickets/api/departments/{id}/': {
    category: ['write'], auth: 'required', row: 'department', roles: ADMIN_ONLY,
    legit: { actor: 'admin', target: async () => 2, status: [200] }, body: () => ({ default_priority: 'medium' }),
  },
  'GET /tickets/api/tags/': { category: ['list'], auth: 'required', roles: EVERYONE, legit: { actor: 'customer', status: [200] }, lists: 'tag' },
  'POST /tickets/api/tags/': {
    category: ['write'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [201] }, body: () => ({ name: `tag-${uniq()}` }),
  },
  'DELETE /tickets/api/tags/{id}/': {
    category: ['write'], auth: 'required', row: 'tag', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.tag, status: [204] },
  },

  // ---- mail ----
  'GET /tickets/api/mailboxes/': { category: ['list'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, lists: 'mailbox' },
  'POST /tickets/api/mailboxes/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [201] },
    body: () => ({ name: `Box ${uniq()}`, kind: 'imap', host: 'imap.example.com', username: 'u', password: 'p' }),
  },
  'GET /tickets/api/mailboxes/{id}/': {
    category: ['read'], auth: 'required', row: 'mailbox', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('mailboxA'), status: [200] },
  },
  'PATCH /tickets/api/mailboxes/{id}/': {
    category: ['write'], auth: 'required', row: 'mailbox', roles: ADMIN_ONLY,
    legit: { actor: 'admin', target: rowId('mailboxA'), status: [200] }, body: () => ({ folder: 'INBOX' }),
  },
  'DELETE /tickets/api/mailboxes/{id}/': {
    category: ['write'], auth: 'required', row: 'mailbox', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.mailbox, status: [204] },
  },
  'POST /tickets/api/mailboxes/{id}/scan/': {
    category: ['write'], auth: 'required', row: 'mailbox', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.mailbox, status: [200] },
  },
  'POST /tickets/api/mailboxes/test/': {
    // Nothing listens on port 9 of this machine: the answer is a failed test (200), stored nothing.
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] },
    body: () => ({ kind: 'imap', host: '127.0.0.1', port: 9, security: 'none', username: 'u', password: 'p' }),
  },
  'POST /tickets/api/mailboxes/{id}/test/': {
    category: ['write'], auth: 'required', row: 'mailbox', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('mailboxA'), status: [200] },
    body: () => ({ host: '127.0.0.1', port: 9, security: 'none' }),
  },
  'POST /tickets/api/mailboxes/{id}/oauth/start/': {
    // A password mailbox cannot start OAuth (422): that still proves the row was found.
    category: ['write'], auth: 'required', row: 'mailbox', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('mailboxA'), status: [200, 409, 422] },
  },
  'GET /tickets/api/inbound-messages/': { category: ['list'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, lists: 'inbound' },
  'GET /tickets/api/inbound-messages/counts/': { category: ['read'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  'GET /tickets/api/inbound-messages/{id}/': {
    category: ['read'], auth: 'required', row: 'inbound', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('inboundA'), status: [200] },
  },
  'GET /tickets/api/inbound-messages/{id}/raw/': {
    category: ['read', 'attachment'], auth: 'required', row: 'inbound', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('inboundA'), status: [200] },
  },
  'POST /tickets/api/inbound-messages/{id}/reprocess/': {
    category: ['write'], auth: 'required', row: 'inbound', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('inboundA'), status: [202, 409] },
  },
  'POST /tickets/api/inbound-messages/{id}/accept/': {
    // The seeded message was rejected (no queue address), not ignored: 409 proves the row was found.
    category: ['write'], auth: 'required', row: 'inbound', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('inboundA'), status: [202, 409] },
  },
  'POST /tickets/api/inbound-messages/{id}/discard/': {
    // The seeded message was rejected, not quarantined: 409 proves the row was found.
    category: ['write'], auth: 'required', row: 'inbound', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('inboundA'), status: [200, 409] },
  },

  // ---- people ----
  'GET /tickets/api/users/': {
    category: ['list', 'search'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, lists: 'user',
    queries: (s) => ['', '?search=Carla', '?search=acme', `?organisation=${s.row('orgA').id}`, `?organisation=${s.row('orgB').id}`, '?role=customer', '?role=admin'],
  },
  'POST /tickets/api/users/': {
    category: ['write'], auth: 'required', roles: { admin: 'ok', agent: 'ok', customer: 403 }, legit: { actor: 'admin', status: [201] },
    body: () => ({ email: `new-${uniq()}@acme.example`, name: 'New Customer', role: 'customer' }),
    bodyRefs: [{
      name: 'organisation', missing: MISSING_UUID, body: (_s, ref) => ({ email: 'ref@acme.example', name: 'Ref', role: 'customer', organisation: ref }),
      invalid: (s) => [{ actor: 'admin', ref: s.row('orgB').id }, { actor: 'otherAdmin', ref: s.row('orgA').id }],
    }],
  },
  'GET /tickets/api/users/{id}/': {
    category: ['read'], auth: 'required', row: 'user', roles: EVERYONE, legit: { actor: 'agent', target: async (s) => s.person('customer').user.id, status: [200] },
  },
  'PATCH /tickets/api/users/{id}/': {
    category: ['write'], auth: 'required', row: 'user', roles: ADMIN_ONLY,
    legit: { actor: 'admin', target: async (s) => s.person('colleague').user.id, status: [200] }, body: () => ({ language: 'es' }),
  },
  'POST /tickets/api/users/{id}/password/': {
    category: ['write'], auth: 'required', row: 'user', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.user, status: [204] },
    body: () => ({ password: PASSWORD }),
  },
  'GET /tickets/api/organisations/': { category: ['list'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, lists: 'organisation' },
  'POST /tickets/api/organisations/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [201] }, body: () => ({ name: `Org ${uniq()}` }),
  },
  'GET /tickets/api/organisations/{id}/': {
    category: ['read'], auth: 'required', row: 'organisation', roles: EVERYONE, legit: { actor: 'customer', target: rowId('orgA'), status: [200] },
  },
  'PATCH /tickets/api/organisations/{id}/': {
    category: ['write'], auth: 'required', row: 'organisation', roles: ADMIN_ONLY,
    legit: { actor: 'admin', target: rowId('orgA'), status: [200] }, body: () => ({ name: 'Acme' }),
  },

  // ---- canned replies (own ones: their owner only; shared ones: the staff of their department, changed by admins) ----
  'GET /tickets/api/canned-replies/': {
    category: ['list'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, lists: 'cannedReply',
    queries: () => ['', '?mine=true', '?mine=false', '?department=1', '?department=2', '?department=3'],
  },
  'POST /tickets/api/canned-replies/': {
    category: ['write'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [201] }, body: () => ({ name: `Canned ${uniq()}`, body: 'Hello {{requester.name}}' }),
    bodyRefs: [{
      name: 'department', missing: 99, body: (_s, ref) => ({ name: 'Ref', body: 'x', department: ref }),
      invalid: () => [{ actor: 'otherAdmin', ref: 3 }],
    }],
  },
  'GET /tickets/api/canned-replies/{id}/': {
    category: ['read'], auth: 'required', row: 'cannedReply', roles: STAFF, legit: { actor: 'restrictedAgent', target: rowId('cannedA:sales'), status: [200] },
  },
  'PATCH /tickets/api/canned-replies/{id}/': {
    category: ['write'], auth: 'required', row: 'cannedReply', roles: STAFF,
    legit: { actor: 'agent', target: fresh.cannedReply, status: [200] }, body: () => ({ name: 'Renamed' }),
  },
  'DELETE /tickets/api/canned-replies/{id}/': {
    category: ['write'], auth: 'required', row: 'cannedReply', roles: STAFF, legit: { actor: 'agent', target: fresh.cannedReply, status: [204] },
  },

  // ---- administration ----
  'GET /tickets/api/settings/': { category: ['read'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  'PATCH /tickets/api/settings/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, body: () => ({ assignment_strategy: 'manual' }),
  },
  // Mail templates are tenant configuration named `<key>.<language>`, the same in every tenant: the {id}
  // probes use the settings "row" (id `settings`, and a missing UUID), which names no template, so
  // every role allowed to call the route gets 404 for both, and the others their denial.
  'GET /tickets/api/mail-templates/': { category: ['list'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] } },
  'GET /tickets/api/mail-templates/{id}/': {
    category: ['read'], auth: 'required', row: 'settings', roles: STAFF, legit: { actor: 'agent', target: async () => 'confirmation.es', status: [200] },
  },
  'PUT /tickets/api/mail-templates/{id}/': {
    category: ['write'], auth: 'required', row: 'settings', roles: ADMIN_ONLY, legit: { actor: 'admin', target: async () => 'confirmation.es', status: [200] },
    body: () => ({ subject: '[{{ticket.number}}] {{ticket.subject}}', html: '<p>Hola {{recipient.name|}}, recibimos tu solicitud.</p>' }),
  },
  'DELETE /tickets/api/mail-templates/{id}/': {
    category: ['write'], auth: 'required', row: 'settings', roles: ADMIN_ONLY, legit: { actor: 'admin', target: async () => 'confirmation.es', status: [200] },
  },
  'POST /tickets/api/mail-templates/{id}/preview/': {
    category: ['read'], auth: 'required', row: 'settings', roles: ADMIN_ONLY, legit: { actor: 'admin', target: async () => 'assigned.pt-BR', status: [200] },
    body: () => ({ subject: '[{{ticket.number}}] {{ticket.subject}}' }),
  },
  'GET /tickets/api/api-tokens/': {
    category: ['list'], auth: 'required', roles: EVERYONE, legit: { actor: 'admin', status: [200] }, lists: 'apiToken',
    queries: (s) => ['', '?all=true', `?user=${s.person('customer').user.id}`, `?user=${s.person('otherAdmin').user.id}`],
  },
  'POST /tickets/api/api-tokens/': {
    category: ['write'], auth: 'required', roles: EVERYONE, legit: { actor: 'agent', status: [201] }, body: () => ({ name: 'ci', scopes: ['read'] }),
  },
  'DELETE /tickets/api/api-tokens/{id}/': {
    category: ['write'], auth: 'required', row: 'apiToken', roles: EVERYONE, legit: { actor: 'admin', target: fresh.apiToken, status: [204] },
  },
  'GET /tickets/api/audit-log/': {
    category: ['list', 'search'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] },
    queries: (s) => ['', `?subject_id=${s.row('ticketB1').id}`, `?actor=${s.person('otherAdmin').user.id}`, '?subject_type=ticket', '?name=api_token.created'],
  },
  'GET /tickets/api/jobs/': { category: ['list'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, lists: 'job', queries: () => ['', '?status=failed'] },
  // ---- reports (docs/reports.md): staff only; figures limited by the ticket policy ----
  'GET /tickets/api/reports/counters/': { category: ['read'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, queries: () => ['', '?department=2', '?format=csv'] },
  'GET /tickets/api/reports/summary/': { category: ['read'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, queries: () => ['', '?department=2', '?format=csv'] },
  'GET /tickets/api/reports/created-vs-solved/': { category: ['read'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, queries: () => ['', '?interval=week', '?format=csv'] },
  'GET /tickets/api/reports/distribution/': {
    category: ['read'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] },
    queries: () => ['?by=tag', '?by=agent', '?by=department', '?by=category&format=csv'],
  },
  'GET /tickets/api/reports/agents/': { category: ['read'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, queries: () => ['', '?format=csv'] },
  'GET /tickets/api/tickets/export.csv': {
    category: ['read', 'search'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] },
    queries: (s) => ['', '?department=2', `?tag=${s.row('tagB').markers[0]}`, `?organisation=${s.row('orgB').id}`, ...s.searchProbes.map((p) => `?search=${p.word}`)],
  },
  'GET /tickets/api/system-health/': { category: ['read'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  // ---- live updates ----
  'GET /tickets/api/stream/': {
    category: ['read'], auth: 'required', roles: EVERYONE, onlyActors: ['anonymous'], legit: { actor: 'anonymous', status: [401] },
    streaming: 'test/security/stream-isolation.test.ts',
  },
  'POST /tickets/api/jobs/{id}/retry/': {
    category: ['write'], auth: 'required', row: 'job', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.failedJob, status: [200] },
  },
  // Agents: only the replies they scheduled (outbound-mail.policy.ts); every seeded row is someone else's, so 404.
  'GET /tickets/api/outbound-mails/': {
    category: ['list'], auth: 'required', roles: STAFF, legit: { actor: 'admin', status: [200] }, lists: 'outboundMail',
    queries: (s) => ['', '?status=queued', '?status=scheduled', '?status=failed', `?ticket=${s.row('ticketB1').id}`],
  },
  'GET /tickets/api/outbound-mails/{id}/': {
    category: ['read'], auth: 'required', row: 'outboundMail', roles: STAFF, legit: { actor: 'admin', target: rowId('outboundMailA'), status: [200] },
  },
  'PATCH /tickets/api/outbound-mails/{id}/': {
    category: ['write'], auth: 'required', row: 'outboundMail', roles: STAFF, legit: { actor: 'admin', target: fresh.outboundMail('queued'), status: [200] },
    body: () => ({ send_at: new Date(Date.now() + 2 * 86400_000).toISOString() }),
  },
  'POST /tickets/api/outbound-mails/{id}/retry/': {
    category: ['write'], auth: 'required', row: 'outboundMail', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.outboundMail('failed'), status: [200] },
  },
  'POST /tickets/api/outbound-mails/{id}/release/': {
    category: ['write'], auth: 'required', row: 'outboundMail', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.outboundMail('held'), status: [200] },
  },
  'POST /tickets/api/outbound-mails/{id}/cancel/': {
    category: ['write'], auth: 'required', row: 'outboundMail', roles: STAFF, legit: { actor: 'admin', target: fresh.outboundMail('queued'), status: [200] },
  },
  // ---- outgoing mail settings (a loopback port nothing listens on: no test reaches the internet) ----
  // ---- webhooks (admins only) ----
  'GET /tickets/api/webhooks/': { category: ['list'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, lists: 'webhook' },
  'POST /tickets/api/webhooks/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [201] },
    // A public address, saved but never contacted: no dispatcher runs in these suites.
    body: () => ({ url: `https://93.184.215.14/${uniq()}`, events: ['ticket.created'] }),
  },
  'GET /tickets/api/webhooks/{id}/': { category: ['read'], auth: 'required', row: 'webhook', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('webhookA'), status: [200] } },
  'PATCH /tickets/api/webhooks/{id}/': {
    category: ['write'], auth: 'required', row: 'webhook', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('webhookA'), status: [200] },
    body: () => ({ description: `Changed ${uniq()}` }),
  },
  'DELETE /tickets/api/webhooks/{id}/': { category: ['write'], auth: 'required', row: 'webhook', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.webhook, status: [204] } },
  'POST /tickets/api/webhooks/{id}/rotate-secret/': { category: ['write'], auth: 'required', row: 'webhook', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.webhook, status: [200] } },
  'POST /tickets/api/webhooks/{id}/test/': { category: ['write'], auth: 'required', row: 'webhook', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('webhookA'), status: [200] } },
  'GET /tickets/api/webhooks/{id}/deliveries/': {
    category: ['read', 'list'], auth: 'required', row: 'webhook', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('webhookA'), status: [200] },
  },
  'POST /tickets/api/webhook-deliveries/{id}/redeliver/': {
    category: ['write'], auth: 'required', row: 'webhookDelivery', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('webhookDeliveryA'), status: [202] },
  },
  // ---- the Ferndesk endpoint (admins manage; the feed is public, its URL's token is the credential) ----
  'GET /tickets/api/integrations/ferndesk/': { category: ['read'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  'POST /tickets/api/integrations/ferndesk/': { category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  'PATCH /tickets/api/integrations/ferndesk/': { category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, body: () => ({ role_name: 'agent' }) },
  'DELETE /tickets/api/integrations/ferndesk/': { category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [204] } },
  'POST /tickets/api/integrations/ferndesk/test/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] },
    // This instance's own feed URL (nothing listens in these suites: the report says unreachable).
    body: (s) => ({ url: `${s.rt.config.baseUrl}/tickets/api/integrations/ferndesk/feed/fdk_${'a'.repeat(43)}/` }),
  },
  'GET /tickets/api/integrations/ferndesk/feed/{token}/': {
    category: ['read'], auth: 'public', roles: EVERYONE, onlyActors: ['anonymous'], legit: { actor: 'anonymous', status: [404] },
  },
  // ---- SLA policies (staff read, admins manage) ----
  'GET /tickets/api/sla-policies/': { category: ['list'], auth: 'required', roles: STAFF, legit: { actor: 'agent', status: [200] }, lists: 'slaPolicy' },
  'POST /tickets/api/sla-policies/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [201, 409] },
    body: () => ({ name: `SLA ${uniq()}`, scope: 'department', department_id: 1, targets: SLA_TARGETS }),
  },
  'GET /tickets/api/sla-policies/{id}/': { category: ['read'], auth: 'required', row: 'slaPolicy', roles: STAFF, legit: { actor: 'agent', target: rowId('slaPolicyA'), status: [200] } },
  'PATCH /tickets/api/sla-policies/{id}/': {
    category: ['write'], auth: 'required', row: 'slaPolicy', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('slaPolicyA'), status: [200] },
    body: () => ({ name: `Changed ${uniq()}` }),
  },
  'DELETE /tickets/api/sla-policies/{id}/': { category: ['write'], auth: 'required', row: 'slaPolicy', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.slaPolicy, status: [204] } },
  // ---- triggers and actions (admins only) ----
  'GET /tickets/api/triggers/': { category: ['list'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, lists: 'trigger' },
  'POST /tickets/api/triggers/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [201] },
    body: () => ({ name: `Trigger ${uniq()}`, type: 'TICKET_FIELD_CHANGE', options: { field: 'priority', new: 'urgent' }, actions: [{ type: 'add_tag', config: { tags: ['urgent'] } }], active: false }),
  },
  'GET /tickets/api/triggers/{id}/': { category: ['read'], auth: 'required', row: 'trigger', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('triggerA'), status: [200] } },
  'PATCH /tickets/api/triggers/{id}/': {
    category: ['write'], auth: 'required', row: 'trigger', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('triggerA'), status: [200] },
    body: () => ({ name: `Changed ${uniq()}` }),
  },
  'DELETE /tickets/api/triggers/{id}/': { category: ['write'], auth: 'required', row: 'trigger', roles: ADMIN_ONLY, legit: { actor: 'admin', target: fresh.trigger, status: [204] } },
  'GET /tickets/api/triggers/{id}/runs/': {
    category: ['read', 'list'], auth: 'required', row: 'trigger', roles: ADMIN_ONLY, legit: { actor: 'admin', target: rowId('triggerA'), status: [200] },
  },
  'GET /tickets/api/trigger-action-types/': { category: ['read'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  'GET /tickets/api/outgoing-mail/': { category: ['read'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  'PUT /tickets/api/outgoing-mail/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] },
    body: () => ({ kind: 'smtp', host: '127.0.0.1', port: 9, security: 'none' }),
  },
  'DELETE /tickets/api/outgoing-mail/': { category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [204, 404] } },
  'POST /tickets/api/outgoing-mail/test/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, body: () => ({ to: 'test@example.com' }),
  },
  'GET /tickets/api/departments/{id}/outgoing-mail/': {
    category: ['read'], auth: 'required', row: 'department', roles: ADMIN_ONLY, legit: { actor: 'admin', target: async () => 1, status: [200] },
  },
  'PUT /tickets/api/departments/{id}/outgoing-mail/': {
    category: ['write'], auth: 'required', row: 'department', roles: ADMIN_ONLY, legit: { actor: 'admin', target: async () => 1, status: [200] },
    body: () => ({ kind: 'smtp', host: '127.0.0.1', port: 9, security: 'none' }),
  },
  'DELETE /tickets/api/departments/{id}/outgoing-mail/': {
    category: ['write'], auth: 'required', row: 'department', roles: ADMIN_ONLY, legit: { actor: 'admin', target: async () => 1, status: [204, 404] },
  },
  'POST /tickets/api/departments/{id}/outgoing-mail/test/': {
    category: ['write'], auth: 'required', row: 'department', roles: ADMIN_ONLY, legit: { actor: 'admin', target: async () => 1, status: [200] },
    body: () => ({ to: 'test@example.com' }),
  },
  'GET /tickets/api/outgoing-mail/dkim/': { category: ['read'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] } },
  'PUT /tickets/api/outgoing-mail/dkim/': {
    category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [200] }, body: () => ({ domain: 'example.com', selector: 'parley' }),
  },
  'DELETE /tickets/api/outgoing-mail/dkim/': { category: ['write'], auth: 'required', roles: ADMIN_ONLY, legit: { actor: 'admin', status: [204, 404] } },
};

export const MISSING_IDS: Record<'uuid' | 'int', string | number> = { uuid: MISSING_UUID, int: 987654 };
