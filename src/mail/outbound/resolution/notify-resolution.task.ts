/**
 * A ticket moved to resolved (seed 003: "o sistema solicita confirmação ao cliente" and the
 * optional satisfaction survey): the requester gets the `resolved` mail with the links of
 * this resolution: confirm, reopen and, when the survey is on for the ticket's department,
 * one rating link per rating (docs/satisfaction.md). The link token is made here, in the
 * transaction that queues the mail, and stored only as its hash. Not when the requester
 * resolved it themselves, nor when the ticket moved on before the job ran.
 */
import { makeResolutionLink } from '../../../domain/resolution/resolution-link.ts';
import { deleteResolutionLink } from '../../../domain/resolution/resolution-links.repo.ts';
import { surveyScaleFor } from '../../../domain/resolution/survey-scale.ts';
import { hashToken } from '../../../domain/auth/secrets.ts';
import { inTransaction } from '../../../domain/shared/transaction.ts';
import { defineTask } from '../../../jobs/define-task.ts';
import { eventJobPayload } from '../../../jobs/event-job-payload.ts';
import { eventActor } from '../notifications/actor-name.ts';
import { notifyPeople } from '../notifications/notify-people.ts';
import { templateLanguage } from '../notifications/templates/index.ts';
import { loadTicketScope, type NotifyDeps } from '../notifications/ticket-scope.ts';
import { resolutionUrl } from './resolution-urls.ts';
import { surveyVars } from './survey-block.ts';

export const notifyResolutionTask = defineTask({
  name: 'notify.resolution_requested',
  payload: eventJobPayload('ticket.status_changed'),
  async run(deps: NotifyDeps, p, job) {
    if (!job.tenantId || p.new !== 'resolved' || p.old === 'resolved') return;
    const s = await loadTicketScope(deps, job.tenantId, p.subjectId);
    const requester = s?.requester;
    if (!s || !requester || !requester.is_active || s.ticket.status !== 'resolved') return;
    const actor = await eventActor(deps.db, job.tenantId, p.eventId, s.tenant.name);
    if (actor.id === requester.id) return;
    await inTransaction(s.ctx, async (tx) => {
      const scale = surveyScaleFor(s.settings, s.department.slug);
      const token = await makeResolutionLink(tx, s.ticket, scale, s.settings.resolution_link_days);
      const url = (action: 'confirm' | 'reopen' | 'rate', rating?: number) => resolutionUrl(deps.baseUrl, s.tenant.slug, token, action, rating);
      const queued = await notifyPeople({ ...s, ctx: tx }, {
        eventId: p.eventId, template: 'resolved', people: [requester], actorId: actor.id,
        vars: {
          actor: { name: actor.name }, confirm: { url: url('confirm') }, reopen: { url: url('reopen') },
          ...surveyVars(templateLanguage(requester.language, s.tenant.language), scale, (n) => url('rate', n)),
        },
      });
      // A rerun finds the mail queued already: the token just made was never sent, so it goes.
      if (queued === 0) await deleteResolutionLink(tx.db, tx.tenantId, hashToken(token));
    });
  },
});
