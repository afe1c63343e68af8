/** Every migration, in order. Adding one means adding a line here. */
import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';
import * as core from './001-core.ts';
import * as inboundMail from './002-inbound-mail.ts';
import * as authSessions from './003-auth-sessions.ts';
import * as mailOwnership from './004-mail-ownership.ts';
import * as inboundReliability from './005-inbound-reliability.ts';
import * as outboundMail from './006-outbound-mail.ts';
import * as userNotifications from './009-user-notifications.ts';
import * as mailTemplates from './007-mail-templates.ts';
import * as outgoingTransports from './008-outgoing-transports.ts';
import * as scheduledMail from './010-scheduled-mail.ts';
import * as inboundTrace from './011-inbound-trace.ts';
import * as savedViews from './012-saved-views.ts';
import * as cannedReplies from './013-canned-replies.ts';
import * as ticketPresence from './014-ticket-presence.ts';
import * as webhooks from './019-webhooks.ts';
import * as sla from './020-sla.ts';
import * as assignment from './021-assignment.ts';
import * as triggers from './022-triggers.ts';
import * as inactivity from './023-inactivity.ts';
import * as eventsByTime from './024-events-by-time.ts';
import * as satisfaction from './025-satisfaction.ts';
import * as ferndesk from './026-ferndesk.ts';
import * as resolutionLinks from './027-resolution-links.ts';
import * as ticketCounters from './028-ticket-counters.ts';
import * as backupRuns from './029-backup-runs.ts';
import * as reportDays from './030-report-days.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are schema-agnostic
type Up = (db: Kysely<any>, dialect: Dialect) => Promise<void>;

export const migrations: ReadonlyArray<readonly [string, { up: Up }]> = [
  ['001-core', core],
  ['002-inbound-mail', inboundMail],
  ['003-auth-sessions', authSessions],
  ['004-mail-ownership', mailOwnership],
  ['005-inbound-reliability', inboundReliability],
  ['006-outbound-mail', outboundMail],
  ['007-mail-templates', mailTemplates],
  ['008-outgoing-transports', outgoingTransports],
  ['009-user-notifications', userNotifications],
  ['010-scheduled-mail', scheduledMail],
  ['011-inbound-trace', inboundTrace],
  ['012-saved-views', savedViews],
  ['013-canned-replies', cannedReplies],
  ['014-ticket-presence', ticketPresence],
  ['019-webhooks', webhooks],
  ['020-sla', sla],
  ['021-assignment', assignment],
  ['022-triggers', triggers],
  ['023-inactivity', inactivity],
  ['024-events-by-time', eventsByTime],
  ['025-satisfaction', satisfaction],
  ['026-ferndesk', ferndesk],
  ['027-resolution-links', resolutionLinks],
  ['028-ticket-counters', ticketCounters],
  ['029-backup-runs', backupRuns],
  ['030-report-days', reportDays],
];
