/**
 * What every command receives: the database (or the open transaction), the tenant,
 * who acts, and where the action comes from. Commands never import Fastify.
 */
import type { Db } from '../../db/client.ts';
import type { OutboundPolicy } from '../../net/outbound-guard.ts';
import type { Dialect } from '../../db/dialect.ts';
import type { Role } from '../../db/schema.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import { UnauthorizedError } from './errors.ts';

export type Source = 'web' | 'api' | 'email' | 'job' | 'cli' | 'system';

/** A person acting: signed in with a password, by JWT or by API token. */
export interface Actor {
  kind: 'user';
  id: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
  organisationId: string | null;
  canAccessTicketing: boolean;
  restrictedToDepartments: boolean;
  departmentIds: number[];
  /** API token scopes; null for a person signed in with a password. */
  scopes: string[] | null;
}

/** Which part of Parley acts when no person does. */
export type SystemPart = 'mail' | 'jobs' | 'cli' | 'setup' | 'auth' | 'automation';

/**
 * Parley itself acting: the mail pipeline, a job, the CLI, tenant setup, automation, or
 * sign-in and password reset acting on a claim they have just proven (a password, a reset token).
 * Policies decide explicitly what it may do; it is never mistaken for an anonymous caller.
 */
export interface SystemActor {
  kind: 'system';
  part: SystemPart;
}

/** Who acts: a person, Parley itself, or `null` for nobody signed in (an anonymous web request). */
export type Acting = Actor | SystemActor | null;

const SYSTEM_ACTORS: Record<SystemPart, SystemActor> = {
  mail: { kind: 'system', part: 'mail' },
  jobs: { kind: 'system', part: 'jobs' },
  cli: { kind: 'system', part: 'cli' },
  setup: { kind: 'system', part: 'setup' },
  auth: { kind: 'system', part: 'auth' },
  automation: { kind: 'system', part: 'automation' },
};

/** The system actor for one part of Parley. */
export const systemActor = (part: SystemPart): SystemActor => SYSTEM_ACTORS[part];

export interface Services {
  db: Db;
  dialect: Dialect;
  attachments: AttachmentStore;
  /** Called after a transaction that enqueued jobs commits, so workers wake at once. */
  onJobsEnqueued: () => void;
  /** The domain of the Message-IDs of our outgoing mail (mail/outbound/message-id.ts); set by the runtime. */
  mailDomain?: string;
  /** Called once per event after its transaction commits: the live stream fans it out. */
  onEventRecorded?: (event: RecordedEvent) => void;
  /** Where Parley may connect for a tenant (webhooks); absent: no internal address at all. */
  outbound?: OutboundPolicy;
  /** Called when a transaction queued webhook deliveries: the dispatcher looks at once (it also polls). */
  onWebhooksQueued?: () => void;
}

/** What the live stream needs to know of a committed event; the rest is read from the log by id. */
export interface RecordedEvent { id: number; tenantId: string; name: string; subjectType: string; subjectId: string }

export interface Ctx extends Services {
  tenantId: string;
  actor: Acting;
  requestId: string | null;
  source: Source;
  /** Set while inside inTransaction(): work to run after commit. */
  afterCommit?: Array<() => void>;
  /** Set while inside inTransaction(): writes to make once the work is done, just before commit (in order). */
  beforeCommit?: Array<() => Promise<void>>;
  /** Automation (docs/automation.md): the triggers whose actions this work runs for; recorded on its events to stop loops. */
  triggerChain?: readonly string[];
}

/** Where work of each system part comes from, as the audit log records it. */
const SOURCE_OF: Record<SystemPart, Source> = { mail: 'email', jobs: 'job', cli: 'cli', setup: 'system', auth: 'api', automation: 'job' };

/** A context in which Parley itself acts for a tenant (mail, jobs, CLI, setup): no person, no request. */
export function systemCtx(services: Services, tenantId: string, part: SystemPart): Ctx {
  return { ...services, tenantId, actor: systemActor(part), source: SOURCE_OF[part], requestId: null };
}

export const isPerson = (actor: Acting): actor is Actor => actor?.kind === 'user';
export const isSystem = (actor: Acting): actor is SystemActor => actor?.kind === 'system';

/** The person acting; an anonymous caller or the system gets 401 where only a person may act. */
export function requirePerson(actor: Acting): Actor {
  if (!isPerson(actor)) throw new UnauthorizedError();
  return actor;
}

/** The id to record as the author of a change: the person's, or null when Parley itself acts. */
export const actorId = (actor: Acting): string | null => (isPerson(actor) ? actor.id : null);

/** A signed-in agent or admin (the system is not staff: policies name what it may do). */
export const isStaff = (actor: Acting): boolean => isPerson(actor) && (actor.role === 'admin' || actor.role === 'agent');
