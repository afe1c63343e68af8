/** Mailboxes to fetch mail from (admins only): their settings, never their secrets. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createMailbox } from '../../domain/mailboxes/create-mailbox.ts';
import { removeMailbox } from '../../domain/mailboxes/delete-mailbox.ts';
import type { MailboxInput } from '../../domain/mailboxes/mailbox-settings.ts';
import { MAILBOX_AUTHS, MAILBOX_KINDS, MAILBOX_SECURITIES, OAUTH_PROVIDERS } from '../../domain/mailboxes/mailbox-values.ts';
import { presentMailbox } from '../../domain/mailboxes/mailbox.presenter.ts';
import { authorizeMailbox } from '../../domain/mailboxes/mailbox.policy.ts';
import { scanMailboxNow } from '../../domain/mailboxes/scan-mailbox-now.ts';
import { testMailboxConnection } from '../../domain/mailboxes/test-mailbox-connection.ts';
import { updateMailbox } from '../../domain/mailboxes/update-mailbox.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { findMailbox, listMailboxes } from '../../mail/inbound/mailboxes.repo.ts';
import { oauthConfigSchema } from '../../mail/inbound/oauth/provider-config.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses, uuidParam } from '../schemas/common.schema.ts';

const mailboxSchema = z.object({
  id: z.string(), name: z.string(), kind: z.string(), host: z.string().nullable(), port: z.number().int().nullable(),
  security: z.string(), auth: z.string(), username: z.string().nullable(), oauth_provider: z.string().nullable(),
  oauth_config: z.record(z.string(), z.unknown()).nullable(), folder: z.string(), archive_folder: z.string().nullable(),
  department: z.number().int().nullable(), is_active: z.boolean(), state: z.string(), last_error: z.string().nullable(),
  last_scan_at: z.string().nullable(), last_success_at: z.string().nullable(),
  has_password: z.boolean(), has_client_secret: z.boolean(), connected: z.boolean(),
  oauth_expires_at: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Mailbox' });

// The provider settings the OAuth2 flow reads (see provider-config.ts), plus the write-only secret.
const scanSchema = z.object({
  status: z.enum(['scanned', 'skipped', 'failed']), detail: z.string().nullable(),
  counts: z.object({ fetched: z.number().int(), stored: z.number().int(), duplicates: z.number().int(), errors: z.number().int() }),
  mailbox: mailboxSchema,
}).meta({ id: 'MailboxScan' });

const connectionTestSchema = z.object({
  ok: z.boolean(),
  reason: z.enum(['auth', 'unreachable', 'tls', 'timeout', 'folder', 'config']).nullable()
    .describe('auth: login refused; unreachable: no connection; tls: certificate or TLS failure; timeout: no answer in time; folder: the folder cannot be opened; config: the settings cannot work'),
  error: z.string().nullable().describe("the failure in the server's or the system's words"),
  details: z.object({
    kind: z.string(), host: z.string(), port: z.number().int(), security: z.string(), folder: z.string().nullable(),
    messages: z.number().int().nullable().describe('messages in the folder (IMAP) or the maildrop (POP3)'), ms: z.number().int(),
  }),
}).meta({ id: 'MailboxConnectionTest' });

const oauthConfig = oauthConfigSchema.extend({
  client_secret: z.string().min(1).max(4000).optional().describe('write-only: stored encrypted, never returned'),
}).strict();

const writable = {
  host: z.string().trim().max(253).regex(/^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, 'must be a host name or IP address').nullable().optional(),
  port: z.number().int().min(1).max(65535).nullable().optional().describe('default: 993/143 for IMAP, 995/110 for POP3'),
  security: z.enum(MAILBOX_SECURITIES).optional().describe('none only for a loopback host'),
  auth: z.enum(MAILBOX_AUTHS).optional(),
  username: z.string().trim().max(320).nullable().optional(),
  password: z.string().min(1).max(4000).optional().describe('write-only: stored encrypted, never returned'),
  oauth_provider: z.enum(OAUTH_PROVIDERS).nullable().optional(),
  oauth_config: oauthConfig.nullable().optional(),
  folder: z.string().trim().min(1).max(200).optional(),
  archive_folder: z.string().trim().max(200).nullable().optional().describe('where fetched mail is moved (IMAP)'),
  department: z.number().int().positive().nullable().optional().describe('for mail that matches no queue address'),
  is_active: z.boolean().optional(),
};
const name = z.string().trim().min(1).max(100);
const createBody = z.object({ name, kind: z.enum(MAILBOX_KINDS), ...writable }).meta({ id: 'CreateMailbox' });
const updateBody = z.object({ name: name.optional(), kind: z.enum(MAILBOX_KINDS).optional(), ...writable })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'must change at least one field').meta({ id: 'UpdateMailbox' });

// Unsaved settings to try: a new mailbox's (kind required), or changes over a saved one's.
const testNewBody = z.object({ name: name.optional(), kind: z.enum(MAILBOX_KINDS), ...writable }).meta({ id: 'TestNewMailbox' });
const testSavedBody = z.object({ name: name.optional(), kind: z.enum(MAILBOX_KINDS).optional(), ...writable }).meta({ id: 'TestMailbox' });

type Body = z.infer<typeof updateBody>;
const toInput = (b: Body): MailboxInput => ({
  name: b.name, kind: b.kind, host: b.host, port: b.port, security: b.security, auth: b.auth, username: b.username,
  password: b.password, oauthProvider: b.oauth_provider, oauthConfig: b.oauth_config, folder: b.folder,
  archiveFolder: b.archive_folder, departmentId: b.department, isActive: b.is_active,
});

const adminOnly = (ctx: Ctx) => authorizeMailbox(ctx.actor, 'read');

export function mailboxesRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['mailboxes'];

    r.get('/tickets/api/mailboxes/', {
      schema: { tags, summary: "The tenant's mailboxes (admins)", response: { 200: z.array(mailboxSchema), ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      adminOnly(ctx);
      return (await listMailboxes(ctx.db, ctx.tenantId)).map(presentMailbox);
    });

    r.get('/tickets/api/mailboxes/:id/', {
      schema: { tags, summary: 'A mailbox (admins)', params: uuidParam, response: { 200: mailboxSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      adminOnly(ctx);
      const mailbox = await findMailbox(ctx.db, ctx.tenantId, request.params.id);
      if (!mailbox) throw new NotFoundError('mailbox');
      return presentMailbox(mailbox);
    });

    r.post('/tickets/api/mailboxes/', {
      schema: { tags, summary: 'Add a mailbox (admins)', body: createBody, response: { 201: mailboxSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request, reply) => {
      const ctx = request.ctx();
      const b = request.body;
      const mailbox = await createMailbox(ctx, rt.secrets, { ...toInput(b), name: b.name, kind: b.kind });
      return reply.code(201).header('Location', `/tickets/api/mailboxes/${mailbox.id}/`).send(presentMailbox(mailbox));
    });

    r.patch('/tickets/api/mailboxes/:id/', {
      schema: { tags, summary: 'Change a mailbox (admins)', params: uuidParam, body: updateBody, response: { 200: mailboxSchema, 409: errorResponses[422], ...errorResponses } },
    }, async (request) => presentMailbox(await updateMailbox(request.ctx(), rt.secrets, request.params.id, toInput(request.body))));

    r.delete('/tickets/api/mailboxes/:id/', {
      schema: { tags, summary: 'Delete a mailbox (admins); the mail received from it stays', params: uuidParam, response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await removeMailbox(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    });

    r.post('/tickets/api/mailboxes/test/', {
      config: { idempotency: false },
      schema: {
        tags, summary: 'Try unsaved IMAP or POP3 settings: log in and open the folder, storing nothing (admins)',
        body: testNewBody, response: { 200: connectionTestSchema, ...errorResponses },
      },
    }, async (request) => testMailboxConnection(request.ctx(), rt, null, toInput(request.body)));

    r.post('/tickets/api/mailboxes/:id/test/', {
      config: { idempotency: false },
      schema: {
        tags, summary: "Try a mailbox's settings, with unsaved changes if sent: log in and open the folder, storing nothing (admins)",
        params: uuidParam, body: testSavedBody.optional(), response: { 200: connectionTestSchema, ...errorResponses },
      },
    }, async (request) => testMailboxConnection(request.ctx(), rt, request.params.id, toInput(request.body ?? {})));

    r.post('/tickets/api/mailboxes/:id/scan/', {
      schema: { tags, summary: 'Scan a mailbox now, ignoring mail_scan_frequency (admins)', params: uuidParam, response: { 200: scanSchema, ...errorResponses } },
    }, async (request) => {
      const { outcome, mailbox } = await scanMailboxNow(request.ctx(), rt, request.params.id);
      return { status: outcome.status, detail: outcome.detail, counts: outcome.counts, mailbox: presentMailbox(mailbox) };
    });
  };
}
