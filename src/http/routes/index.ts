/** Every route module, in one list. */
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../runtime.ts';
import { apiTokensRoutes } from './api-tokens.routes.ts';
import { attachmentsRoutes } from './attachments.routes.ts';
import { auditLogRoutes } from './audit-log.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { cannedRepliesRoutes } from './canned-replies.routes.ts';
import { departmentsRoutes } from './departments.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { systemHealthRoutes } from './system-health.routes.ts';
import { mailboxOAuthRoutes } from './mailbox-oauth.routes.ts';
import { inboundMessagesRoutes } from './inbound-messages.routes.ts';
import { mailTemplatesRoutes } from './mail-templates.routes.ts';
import { mailboxesRoutes } from './mailboxes.routes.ts';
import { meRoutes } from './me.routes.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { organisationsRoutes } from './organisations.routes.ts';
import { presenceRoutes } from './presence.routes.ts';
import { outboundMailsRoutes } from './outbound-mails.routes.ts';
import { outgoingMailSettingsRoutes } from './outgoing-mail-settings.routes.ts';
import { portalRoutes } from './portal.routes.ts';
import { resetPasswordPageRoutes } from './reset-password-page.routes.ts';
import { resolutionPageRoutes } from './resolution-page.routes.ts';
import { satisfactionRoutes } from './satisfaction.routes.ts';
import { savedViewsRoutes } from './saved-views.routes.ts';
import { settingsRoutes } from './settings.routes.ts';
import { streamRoutes } from './stream.routes.ts';
import { tagsRoutes } from './tags.routes.ts';
import { ticketMessagesRoutes } from './ticket-messages.routes.ts';
import { ticketsBulkRoutes } from './tickets-bulk.routes.ts';
import { ticketsRoutes } from './tickets.routes.ts';
import { usersRoutes } from './users.routes.ts';
import { webhooksRoutes } from './webhooks.routes.ts';
import { slaPoliciesRoutes } from './sla-policies.routes.ts';
import { triggersRoutes } from './triggers.routes.ts';
import { reportsRoutes } from './reports.routes.ts';
import { ferndeskRoutes } from './ferndesk.routes.ts';
import { webApp } from '../plugins/web-app.ts';

export function routeModules(rt: Runtime): Array<(app: FastifyInstance) => Promise<void>> {
  return [
    healthRoutes(rt),
    authRoutes(rt),
    portalRoutes(rt),
    resetPasswordPageRoutes(),
    resolutionPageRoutes(rt),
    satisfactionRoutes(),
    meRoutes(rt),
    notificationsRoutes(),
    ticketsRoutes(rt),
    savedViewsRoutes(),
    ticketsBulkRoutes(),
    ticketMessagesRoutes(rt),
    presenceRoutes(),
    attachmentsRoutes(),
    departmentsRoutes(),
    tagsRoutes(),
    mailboxOAuthRoutes(rt),
    mailboxesRoutes(rt),
    inboundMessagesRoutes(),
    usersRoutes(),
    organisationsRoutes(),
    cannedRepliesRoutes(),
    settingsRoutes(),
    mailTemplatesRoutes(rt),
    apiTokensRoutes(),
    auditLogRoutes(),
    jobsRoutes(),
    systemHealthRoutes(),
    outboundMailsRoutes(),
    outgoingMailSettingsRoutes(rt),
    webhooksRoutes(rt),
    slaPoliciesRoutes(),
    triggersRoutes(),
    reportsRoutes(),
    ferndeskRoutes(rt),
    streamRoutes(rt),
    webApp(rt),
  ];
}
