/**
 * The tenant's notification templates (issue 8): every key in every language with the
 * variables it may use; agents read them, admins save their own version, go back to the
 * built-in one, and preview a draft against a sample or a real ticket.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../domain/shared/context.ts';
import { NotFoundError } from '../../domain/shared/errors.ts';
import { authorizeMailTemplate } from '../../mail/outbound/mail-templates/mail-template.policy.ts';
import { presentMailTemplate } from '../../mail/outbound/mail-templates/mail-template.presenter.ts';
import { allTemplateRefs, parseTemplateId, templateId, type MailTemplateRef } from '../../mail/outbound/mail-templates/mail-template-ref.ts';
import { findMailTemplateOverride, listMailTemplateOverrides } from '../../mail/outbound/mail-templates/mail-templates.repo.ts';
import { previewMailTemplate } from '../../mail/outbound/mail-templates/preview-mail-template.ts';
import { resetMailTemplate } from '../../mail/outbound/mail-templates/reset-mail-template.ts';
import { saveMailTemplate } from '../../mail/outbound/mail-templates/save-mail-template.ts';
import type { Runtime } from '../../runtime.ts';
import { errorResponses } from '../schemas/common.schema.ts';
import {
  mailPreviewSchema, mailTemplateListSchema, mailTemplateSchema, previewMailTemplateBody, saveMailTemplateBody, templateIdParam,
} from '../schemas/mail-templates.schema.ts';

const BASE = '/tickets/api/mail-templates';
const tags = ['mail-templates'];

/** The template an id names; any other id is "not found". */
function refOf(id: string): MailTemplateRef {
  const ref = parseTemplateId(id);
  if (!ref) throw new NotFoundError('mail template');
  return ref;
}

const presentOne = async (ctx: Ctx, ref: MailTemplateRef) =>
  presentMailTemplate(ref, await findMailTemplateOverride(ctx.db, ctx.tenantId, ref), true);

export function mailTemplatesRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const deps = { baseUrl: rt.config.baseUrl, from: rt.config.mailFrom };

    r.get(`${BASE}/`, {
      schema: { tags, summary: 'Every notification template in every language, as the tenant uses it (staff)', response: { 200: mailTemplateListSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeMailTemplate(ctx.actor, 'read');
      const own = new Map((await listMailTemplateOverrides(ctx.db, ctx.tenantId)).map((row) => [`${row.template_key}.${row.language}`, row]));
      return { results: allTemplateRefs().map((ref) => presentMailTemplate(ref, own.get(templateId(ref)))) };
    });

    r.get(`${BASE}/:id/`, {
      schema: { tags, summary: 'One template, with its built-in version (staff)', params: templateIdParam, response: { 200: mailTemplateSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeMailTemplate(ctx.actor, 'read');
      return presentOne(ctx, refOf(request.params.id));
    });

    r.put(`${BASE}/:id/`, {
      schema: { tags, summary: "Save the tenant's own version of a template (admins)", params: templateIdParam, body: saveMailTemplateBody, response: { 200: mailTemplateSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeMailTemplate(ctx.actor, 'save');
      const ref = refOf(request.params.id);
      await saveMailTemplate(ctx, { ref, draft: request.body });
      return presentOne(ctx, ref);
    });

    r.delete(`${BASE}/:id/`, {
      schema: { tags, summary: 'Go back to the built-in template (admins)', params: templateIdParam, response: { 200: mailTemplateSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeMailTemplate(ctx.actor, 'reset');
      const ref = refOf(request.params.id);
      await resetMailTemplate(ctx, ref);
      return presentOne(ctx, ref);
    });

    r.post(`${BASE}/:id/preview/`, {
      schema: { tags, summary: 'Render a draft against a sample or a real ticket; stores nothing (admins)', params: templateIdParam, body: previewMailTemplateBody, response: { 200: mailPreviewSchema, ...errorResponses } },
    }, async (request) => {
      const ctx = request.ctx();
      authorizeMailTemplate(ctx.actor, 'preview');
      const { ticket_id: ticketId, ...draft } = request.body;
      return previewMailTemplate(ctx, deps, { ref: refOf(request.params.id), draft, ticketId: ticketId ?? null });
    });
  };
}
