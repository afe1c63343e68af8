/**
 * What every command receives: the database (or the open transaction), the tenant,
 * who acts, and where the action comes from. Commands never import Fastify.
 */
import type { Db } from '../../db/client.ts';
import type { Dialect } from '../../db/dialect.ts';
import type { Role } from '../../db/schema.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';

export type Source = 'web' | 'api' | 'email' | 'job' | 'cli' | 'system';

export interface Actor {
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
}

/** What the live stream needs to know of a committed event; the rest is read from the log by id. */
export interface RecordedEvent { id: number; tenantId: string; name: string; subjectType: string; subjectId: string }

export interface Ctx extends Services {
  tenantId: string;
  actor: Actor | null;
  requestId: string | null;
  source: Source;
  /** Set while inside inTransaction(): work to run after commit. */
  afterCommit?: Array<() => void>;
}

export const isStaff = (actor: Actor | null): boolean => actor?.role === 'admin' || actor?.role === 'agent';
