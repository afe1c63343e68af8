/**
 * How the tenant's mail goes out (admins only): its own SMTP server or sending mailbox,
 * a department's (which overrides the tenant's; the tenant's overrides SMTP_URL), the
 * DKIM key its mail is signed with, and a test mail that reports the server's refusal.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentDkim, presentOutgoingMail } from '../../domain/outgoing-mail/outgoing-mail.presenter.ts';
import { authorizeOutgoingMail } from '../../domain/outgoing-mail/outgoing-mail.policy.ts';
import { OUTGOING_SECURITIES, type OutgoingMailInput } from '../../domain/outgoing-mail/outgoing-mail-settings.ts';
import { findDkimKey } from '../../domain/outgoing-mail/outgoing-transports.repo.ts';
import { readOutgoingMail } from '../../domain/outgoing-mail/read-outgoing-mail.ts';
import { removeDkim, saveDkim } from '../../domain/outgoing-mail/save-dkim-key.ts';
import { removeOutgoingMail, saveOutgoingMail } from '../../domain/outgoing-mail/save-outgoing-mail.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { sendTestMail } from '../../mail/outbound/transports/send-test-mail.ts';
import { transportScope } from '../../mail/outbound/transports/transport-cache.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses, intIdParam } from '../schemas/common.schema.ts';

const host = z.string().trim().min(1).max(253).regex(/^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+$|^\[?[0-9A-Fa-f:.]+\]?$/, 'must be a host name or IP address');
const port = z.number().int().min(1).max(65535);
const security = z.enum(OUTGOING_SECURITIES).describe('tls: implicit TLS (465); starttls: upgrade required (587, the default); none: only to a loopback host');

const settingBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('smtp'), host, port: port.optional().describe('default: 587, or 465 with tls'), security: security.optional(),
    username: z.string().trim().max(320).nullable().optional(),
    password: z.string().min(1).max(4000).optional().describe('write-only: stored encrypted, never returned; kept while host and username stay the same'),
  }).strict(),
  z.object({
    kind: z.literal('mailbox'), mailbox: z.uuid().describe('a mailbox connected by OAuth2 to Microsoft 365 or Google'),
    via: z.enum(['smtp', 'api']).optional().describe('smtp: SMTP AUTH XOAUTH2; api: Graph sendMail or Gmail send (default for graph and gmail mailboxes)'),
    host: host.optional().describe("default: the provider's (smtp.office365.com, smtp.gmail.com)"), port: port.optional(), security: security.optional(),
  }).strict(),
]).meta({ id: 'PutOutgoingMail' });

const settingSchema = z.object({
  kind: z.enum(['smtp', 'mailbox']), host: z.string().nullable(), port: z.number().int().nullable(), security: z.string().nullable(),
  username: z.string().nullable(), has_password: z.boolean(), mailbox: z.string().nullable(), via: z.string().nullable(),
  version: z.number().int(), updated_at: z.string(),
}).meta({ id: 'OutgoingMailSetting' });
const stateSchema = z.object({
  department: z.number().int().nullable(), setting: settingSchema.nullable(),
  effective: z.enum(['department', 'tenant', 'install', 'none']).describe("what this scope's mail goes out by now"),
  install_transport: z.boolean().describe('whether SMTP_URL is set'),
  waiting: z.object({ since: z.string(), queued: z.number().int() }).nullable().describe("the tenant's mail waits: no transport is configured for it"),
}).meta({ id: 'OutgoingMail' });
const dkimBody = z.object({
  domain: z.string().trim().toLowerCase().min(3).max(253).regex(/^([a-z0-9-]+\.)+[a-z0-9-]+$/, 'must be a domain name'),
  selector: z.string().trim().min(1).max(63).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a DNS label'),
  private_key: z.string().min(1).max(20_000).optional().describe('write-only RSA private key (PEM); without one, a 2048-bit key is generated'),
}).strict().meta({ id: 'PutDkim' });
const dkimSchema = z.object({
  domain: z.string(), selector: z.string(), public_key: z.string(),
  dns_record: z.object({ name: z.string(), type: z.literal('TXT'), value: z.string() }), updated_at: z.string(),
}).meta({ id: 'Dkim' });
const dkimStateSchema = z.object({ dkim: dkimSchema.nullable().describe("null: the tenant's mail is not signed") }).meta({ id: 'DkimState' });
const testBody = z.object({ to: z.email('must be an email address').max(254), from: z.string().trim().min(3).max(320).optional() }).strict().meta({ id: 'TestOutgoingMail' });
const testSchema = z.object({
  sent: z.boolean(), source: z.enum(['department', 'tenant', 'install', 'none']), method: z.enum(['smtp', 'smtp_xoauth2', 'graph', 'gmail']).nullable(),
  from: z.string(), message_id: z.string().nullable(), error: z.string().nullable().describe("the server's own words when it refused"),
  smtp: z.object({ code: z.string().nullable(), response_code: z.number().int().nullable(), command: z.string().nullable() }).nullable(),
}).meta({ id: 'OutgoingMailTest' });

type SettingBody = z.infer<typeof settingBody>;
const toInput = (b: SettingBody): OutgoingMailInput => (b.kind === 'smtp'
  ? { kind: 'smtp', host: b.host, port: b.port, security: b.security, username: b.username, password: b.password }
  : { kind: 'mailbox', mailboxId: b.mailbox, via: b.via, host: b.host, port: b.port, security: b.security });

/** The tenant's and departments' outgoing-mail routes, the DKIM key and the test mail. */
export function outgoingMailSettingsRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['outgoing mail'];
    const installTransport = rt.mail.configured !== false;
    const state = async (ctx: Ctx, department: number | null) => presentOutgoingMail(await readOutgoingMail(ctx, department, installTransport));
    // A changed setting's open connections close now in this process; other processes see its new version.
    const forget = (ctx: Ctx, department: number | null) => rt.mail.cache?.forget(transportScope(ctx.tenantId, department ?? 0));

    for (const [base, scoped] of [['/tickets/api/outgoing-mail/', false], ['/tickets/api/departments/:id/outgoing-mail/', true]] as const) {
      const params = scoped ? { params: intIdParam } : {};
      const who = scoped ? "a department's" : "the tenant's";
      const dept = (p: unknown) => (scoped ? (p as { id: number }).id : null);
      r.get(base, {
        schema: { tags, summary: `How ${who} mail goes out (admins)`, ...params, response: { 200: stateSchema, ...errorResponses } },
      }, async (request) => state(request.ctx(), dept(request.params)));

      r.put(base, {
        schema: { tags, summary: `Set how ${who} mail goes out (admins)`, ...params, body: settingBody, response: { 200: stateSchema, ...errorResponses } },
      }, async (request) => {
        const ctx = request.ctx();
        await saveOutgoingMail(ctx, rt.secrets, dept(request.params), toInput(request.body));
        forget(ctx, dept(request.params));
        return state(ctx, dept(request.params));
      });

      r.delete(base, {
        schema: { tags, summary: `Remove ${who} outgoing mail setting: its mail falls back to the next level (admins)`, ...params, response: { 204: z.null(), ...errorResponses } },
      }, async (request, reply) => {
        const ctx = request.ctx();
        await removeOutgoingMail(ctx, dept(request.params));
        forget(ctx, dept(request.params));
        return reply.code(204).send(null);
      });

      r.post(`${base}test/`, {
        schema: { tags, summary: `Send a test mail the way ${who} mail goes out now (admins)`, ...params, body: testBody, response: { 200: testSchema, ...errorResponses } },
      }, async (request) => sendTestMail(request.ctx(), rt, dept(request.params), request.body.to, request.body.from));
    }

    r.get('/tickets/api/outgoing-mail/dkim/', {
      schema: { tags, summary: "The tenant's DKIM key, if any: the DNS record to publish (admins)", response: { 200: dkimStateSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeOutgoingMail(ctx.actor, 'read');
      const key = await findDkimKey(ctx.db, ctx.tenantId);
      return { dkim: key ? presentDkim(key) : null };
    });

    r.put('/tickets/api/outgoing-mail/dkim/', {
      schema: { tags, summary: "Set the tenant's DKIM key, given or generated (admins)", body: dkimBody, response: { 200: dkimStateSchema, ...errorResponses } },
    }, async (request) => {
      const b = request.body;
      return { dkim: presentDkim(await saveDkim(request.ctx(), rt.secrets, { domain: b.domain, selector: b.selector, privateKey: b.private_key })) };
    });

    r.delete('/tickets/api/outgoing-mail/dkim/', {
      schema: { tags, summary: "Stop signing the tenant's mail (admins)", response: { 204: z.null(), ...errorResponses } },
    }, async (request, reply) => {
      await removeDkim(request.ctx());
      return reply.code(204).send(null);
    });
  };
}
