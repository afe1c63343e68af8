/**
 * The typed state the pipeline's steps share (no hash of magic keys), and what a step
 * may answer: go on, or stop with an outcome that the runner records on the message.
 */
import type { DepartmentRow } from '../../domain/departments/departments.repo.ts';
import type { TenantSettings } from '../../domain/settings/registry.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import type { NewAttachment } from '../../domain/tickets/append-message.ts';
import type { TicketRow } from '../../domain/tickets/tickets.repo.ts';
import type { UserRow } from '../../domain/users/users.repo.ts';
import type { AutoReplyVerdict } from './analysis/auto-reply.ts';
import type { BounceInfo } from './analysis/bounce.ts';
import type { ForwardInfo } from './analysis/forwarded.ts';
import type { InboundRow } from './inbound.repo.ts';
import type { MailAddress, ParsedMail } from './parse/parsed-mail.ts';
import type { UpdateTicketProps } from '../../domain/tickets/update-ticket.ts';
import type { Trace } from './trace.ts';

export interface PipelineState {
  ctx: Ctx;
  inbound: InboundRow;
  envelope: { mailFrom: string | null; recipients: string[] } | null;
  mail: ParsedMail;
  settings: TenantSettings;
  /** Machine-generated mail (see judgeAutoReply): never a new ticket, at most a note on the ticket it continues. */
  autoReply: boolean;
  /** Why it was judged so, for the reason an admin sees. */
  autoVerdict: AutoReplyVerdict | null;
  bounce: BounceInfo | null;
  forwarded: ForwardInfo | null;
  /** The department whose queue address the mail was sent to, and those addresses. */
  department?: DepartmentRow;
  queueAddresses: string[];
  /** The person the mail is from (or, for a forward from a forwarding domain, the original sender). */
  sender?: UserRow;
  senderAddress?: MailAddress;
  /** The existing ticket this mail continues, if any, and how it was found. */
  ticket: TicketRow | null;
  threadedBy: 'in-reply-to' | 'references' | 'subject' | null;
  /** The reply to a closed ticket reopens it. */
  reopen: boolean;
  /** The requester's answer to a resolved ticket confirms it: it closes instead of reopening (docs/satisfaction.md). */
  confirmsResolution?: boolean;
  /** Body without quoted history and signature, and what was cut from it. */
  body: string;
  bodyHtml: string | null;
  quoted: string | null;
  /** Ticket changes from a valid [INCIDENT] block of an agent (seed 001). */
  commands: UpdateTicketProps | null;
  /** Hours spent, from [WORKUNIT] (agents' replies). */
  timeUsed: number | null;
  /** Lines for the thread about commands that were not applied, and why. */
  commandNotes: string[];
  attachments: NewAttachment[];
  refusedAttachments: Array<{ filename: string; reason: string }>;
  /** Set when the message is added as an internal note (automatic replies, bounces). */
  asNote: string | null;
  /** Every decision taken on the message, with its evidence (stored with it). */
  trace: Trace;
  /** `parley mail inspect --explain`: run every step in a transaction that is rolled back; write no files, wait for nothing. */
  dryRun: boolean;
}

export type StepResult =
  | { kind: 'continue' }
  | { kind: 'stop'; status: 'dropped' | 'rejected' | 'ignored'; reason: string }
  | { kind: 'quarantine'; reason: string };

export type Step = (s: PipelineState) => Promise<StepResult>;

export const next = (): StepResult => ({ kind: 'continue' });
export const drop = (reason: string): StepResult => ({ kind: 'stop', status: 'dropped', reason });
/** Not a ticket, but kept for admins with its reason, and acceptable as a ticket in one action. */
export const ignore = (reason: string): StepResult => ({ kind: 'stop', status: 'ignored', reason });
export const reject = (reason: string): StepResult => ({ kind: 'stop', status: 'rejected', reason });
