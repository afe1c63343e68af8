/**
 * The public pages the resolution mail links to (docs/satisfaction.md): /tickets/resolution/
 * ?token=…&tenant=…&action=confirm|reopen|rate[&rating=n]. Server-rendered HTML in the
 * requester's language, no sign-in, no script (the CSP allows none), one stylesheet from
 * this module. A GET never changes anything: mail scanners open every link of a mail, so
 * the page shows what the link would do and a button; the change is the form's POST. A
 * refused link (unknown, tampered, another tenant's, expired, used, outdated) gets a page
 * that says why, and nothing changes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ResolutionLinkRefused, awaitsConfirmation, isSameResolution, readResolutionLink, type LinkRefusal, type ResolutionLinkHold } from '../../domain/resolution/resolution-link.ts';
import { confirmResolution, reopenResolution } from '../../domain/resolution/confirm-resolution.ts';
import { rateResolution } from '../../domain/satisfaction/rate-resolution.ts';
import { findRatingOfResolution } from '../../domain/satisfaction/satisfaction.repo.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import { ConflictError, ValidationError } from '../../domain/shared/errors.ts';
import { findTenantById, findTenantBySlug } from '../../domain/tenants/tenants.repo.ts';
import { loadActor } from '../../domain/users/load-actor.ts';
import { findUserById } from '../../domain/users/users.repo.ts';
import { RESOLUTION_PAGE_PATH, resolutionUrl } from '../../mail/outbound/resolution/resolution-urls.ts';
import type { Runtime } from '../../runtime.ts';
import { fill, PAGE_TEXTS, pageLanguage, type PageLanguage, type PageTexts } from './resolution-page-texts.ts';

const CSS_PATH = '/tickets/resolution/resolution.css';
const CSS = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1f2328}
h1{font-size:1.5rem}button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:0 0 1rem}label{display:block;margin:.25rem 0}textarea{width:100%;min-height:6rem;font:inherit}
.error{color:#b42318}`;
// img-src data: only for the empty icon below, so Chromium does not ask for /favicon.ico.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
const REFUSED_STATUS: Record<LinkRefusal, number> = { invalid: 404, expired: 410, changed: 409 };

type Action = 'confirm' | 'reopen' | 'rate';
type Fields = Record<string, string | undefined>;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function secure(reply: FastifyReply): FastifyReply {
  return reply.header('Content-Security-Policy', CSP).header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer')
    .header('X-Frame-Options', 'DENY').header('Cache-Control', 'no-store');
}

function page(lang: PageLanguage, title: string, body: string): string {
  return `<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="robots" content="noindex">\n`
    + `<title>${esc(title)}</title>\n<link rel="icon" href="data:,">\n<link rel="stylesheet" href="${CSS_PATH}">\n</head>\n<body>\n<main>\n<h1>${esc(title)}</h1>\n${body}\n</main>\n</body>\n</html>\n`;
}

/** What the page needs to know of the request: its words, the link, and who the link acts for. */
interface Visit { lang: PageLanguage; w: PageTexts; hold: ResolutionLinkHold; ctx: Ctx; slug: string; token: string; baseUrl: string }

export function resolutionPageRoutes(rt: Runtime) {
  return async (app: FastifyInstance) => {
    // The page's form posts urlencoded fields; this parser lives in this module's scope only.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const open = { config: { auth: 'none' as const }, schema: { hide: true } };
    app.get(RESOLUTION_PAGE_PATH, open, async (request, reply) => handle(request, reply, request.query as Fields, false));
    app.post(RESOLUTION_PAGE_PATH, open, async (request, reply) => handle(request, reply, (request.body ?? {}) as Fields, true));
    app.get(CSS_PATH, open, async (_request, reply) => secure(reply).type('text/css; charset=utf-8').send(CSS));
  };

  async function handle(request: FastifyRequest, reply: FastifyReply, f: Fields, act: boolean) {
    const browserLang = request.headers['accept-language']?.split(',')[0];
    const refuse = (lang: PageLanguage, reason: LinkRefusal) =>
      secure(reply).code(REFUSED_STATUS[reason]).type('text/html; charset=utf-8').send(page(lang, PAGE_TEXTS[lang].refused, `<p>${esc(PAGE_TEXTS[lang][reason])}</p>`));
    const action = (['confirm', 'reopen', 'rate'] as const).find((a) => a === f.action);
    const tenant = f.tenant ? await findTenantBySlug(rt.db, f.tenant) : await findTenantById(rt.db, request.tenantId);
    if (!tenant || !action || !f.token) return refuse(pageLanguage(tenant?.language, browserLang), 'invalid');
    const base = rt.ctx(tenant.id, null, 'web', request.id);
    let hold: ResolutionLinkHold;
    try {
      hold = await readResolutionLink(base, f.token);
    } catch (err) {
      if (err instanceof ResolutionLinkRefused) return refuse(pageLanguage(tenant.language, browserLang), err.reason);
      throw err;
    }
    const requester = await findUserById(rt.db, tenant.id, hold.ticket.requester_id);
    const lang = pageLanguage(requester?.language, tenant.language, browserLang);
    if (!requester || !requester.is_active) return refuse(lang, 'invalid');
    // The token, just proven, stands for the requester: the change is theirs, with a customer's rights.
    const ctx = rt.ctx(tenant.id, await loadActor(rt.db, requester), 'web', request.id);
    const v: Visit = { lang, w: PAGE_TEXTS[lang], hold, ctx, slug: tenant.slug, token: f.token, baseUrl: rt.config.baseUrl };
    const send = (code: number, title: string, body: string) => secure(reply).code(code).type('text/html; charset=utf-8').send(page(lang, title, body));
    const said = (title: string, text: string, extra = '') => send(200, title, `<p>${esc(text)}</p>${extra}${ticketLink(v)}`);
    const n = { number: hold.ticket.number, subject: hold.ticket.subject };

    if (action === 'rate') {
      const scale = hold.link.survey_scale;
      if (!scale) return said(v.w.rateTitle, v.w.surveyOff);
      if (await findRatingOfResolution(rt.db, tenant.id, hold.ticket.id, hold.link.resolved_at)) return said(v.w.rateTitle, v.w.ratedAlready);
      if (!isSameResolution(hold)) return refuse(lang, 'changed');
      const rating = Number.parseInt(f.rating ?? '', 10);
      if (!act) return send(200, v.w.rateTitle, rateForm(v, scale, rating, f.comment ?? '', null));
      if (!Number.isInteger(rating)) return send(400, v.w.rateTitle, rateForm(v, scale, Number.NaN, f.comment ?? '', v.w.noRating));
      try {
        await rateResolution(ctx, hold.ticket, { scale, rating, comment: f.comment ?? null, source: 'mail' });
      } catch (err) {
        if (err instanceof ConflictError) return said(v.w.rateTitle, v.w.ratedAlready);
        if (err instanceof ValidationError) return send(400, v.w.rateTitle, rateForm(v, scale, Number.NaN, f.comment ?? '', v.w.noRating));
        throw err;
      }
      return said(v.w.rateTitle, v.w.rated);
    }

    const title = action === 'confirm' ? v.w.confirmTitle : v.w.reopenTitle;
    if (!awaitsConfirmation(hold)) {
      if (hold.ticket.status === 'closed' && isSameResolution(hold)) return said(title, fill(v.w.closedAlready, n), await rateOffer(v));
      return refuse(lang, 'changed');
    }
    if (!act) {
      const lead = fill(action === 'confirm' ? v.w.confirmLead : v.w.reopenLead, n);
      return send(200, title, `<p>${esc(lead)}</p>${form(v, action, `<button type="submit">${esc(action === 'confirm' ? v.w.confirmButton : v.w.reopenButton)}</button>`)}`);
    }
    const props = { via: 'link' as const, resolvedAt: hold.link.resolved_at };
    try {
      if (action === 'confirm') await confirmResolution(ctx, hold.ticket.id, props);
      else await reopenResolution(ctx, hold.ticket.id, props);
    } catch (err) {
      if (err instanceof ConflictError) return refuse(lang, 'changed');
      throw err;
    }
    if (action === 'reopen') return said(title, fill(v.w.reopened, n));
    return said(title, fill(v.w.confirmed, n), await rateOffer(v));
  }

  /** After a confirmation: the survey's link, when one was offered and not answered yet. */
  async function rateOffer(v: Visit): Promise<string> {
    if (!v.hold.link.survey_scale || await findRatingOfResolution(rt.db, v.hold.link.tenant_id, v.hold.ticket.id, v.hold.link.resolved_at)) return '';
    return `<p><a href="${esc(resolutionUrl(v.baseUrl, v.slug, v.token, 'rate'))}">${esc(v.w.rateToo)}</a></p>`;
  }
}

const ticketLink = (v: Visit): string => `<p><a href="/tickets/${esc(v.hold.ticket.id)}/">${esc(v.w.ticket)}</a></p>`;

function form(v: Visit, action: Action, inner: string): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${esc(value)}">`;
  return `<form method="post" action="${RESOLUTION_PAGE_PATH}">${hidden('token', v.token)}${hidden('tenant', v.slug)}${hidden('action', action)}\n${inner}\n</form>`;
}

function rateForm(v: Visit, scale: 'five' | 'binary', chosen: number, comment: string, error: string | null): string {
  const choices: Array<[string, number]> = scale === 'five' ? v.w.five.map((label, i) => [label, i + 1]) : [[v.w.good, 5], [v.w.bad, 1]];
  const radios = choices.map(([label, n]) =>
    `<label><input type="radio" name="rating" value="${n}"${n === chosen ? ' checked' : ''} required> ${esc(label)}</label>`).join('\n');
  const lead = fill(v.w.rateLead, { number: v.hold.ticket.number, subject: v.hold.ticket.subject });
  return `<p>${esc(lead)}</p>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}${form(v, 'rate',
    `<fieldset><legend>${esc(v.w.rateLegend)}</legend>\n${radios}\n</fieldset>\n<p><label for="comment">${esc(v.w.comment)}</label>\n<textarea id="comment" name="comment" maxlength="2000">${esc(comment)}</textarea></p>\n<p><button type="submit">${esc(v.w.rateButton)}</button></p>`)}`;
}
