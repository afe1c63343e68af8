/**
 * A ticket's SLA state in words (docs/sla.md): in the list, the nearer due time as time left
 * or "Breached"; beside the thread, both targets with their due time, time left, breach and
 * pause. Time left is recomputed on each render (the list refreshes itself).
 */
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../api/types.ts';
import { useFormat } from '../hooks/use-format.ts';
import './sla-due.css';

type SlaFields = Pick<Ticket, 'first_response_due_at' | 'resolution_due_at' | 'first_response_breached' | 'resolution_breached' | 'sla_paused'>;

/** "2 h 5 min", "45 min", "3 d 4 h": the time between now and a due time, whichever side of it. */
function useTimeLeft() {
  const { t } = useTranslation();
  return (iso: string) => {
    const minutes = Math.round(Math.abs(Date.parse(iso) - Date.now()) / 60_000);
    if (minutes < 60) return t('{{m}} min', { m: minutes });
    if (minutes < 24 * 60) return t('{{h}} h {{m}} min', { h: Math.floor(minutes / 60), m: minutes % 60 });
    return t('{{d}} d {{h}} h', { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
  };
}

/** The list's cell: breached, paused, or the time left to the nearer due time. */
export function SlaDueBadge({ ticket }: { ticket: SlaFields }) {
  const { t } = useTranslation();
  const left = useTimeLeft();
  const dues = [ticket.first_response_due_at, ticket.resolution_due_at].filter((d): d is string => d !== null).sort();
  // A target missed stays missed (the flags), and a running clock past its due time is missed now.
  if (ticket.first_response_breached || ticket.resolution_breached || dues.some((d) => Date.parse(d) <= Date.now())) {
    return <span className="sla-due is-breached">{t('SLA breached')}</span>;
  }
  if (ticket.sla_paused) return <span className="sla-due is-paused">{t('SLA paused')}</span>;
  if (dues.length === 0) return <span className="sla-due">—</span>;
  return <span className="sla-due"><time dateTime={dues[0]}>{t('Due in {{left}}', { left: left(dues[0]) })}</time></span>;
}

/** The side panel's section: each target's due time, time left, breach and pause. */
export function SlaDetails({ ticket }: { ticket: SlaFields }) {
  const { t } = useTranslation();
  const format = useFormat();
  const left = useTimeLeft();
  const row = (label: string, due: string | null, breached: boolean) => {
    let state = t('Met or stopped');
    if (due && Date.parse(due) <= Date.now()) state = t('Breached {{left}} ago', { left: left(due) });
    else if (due) state = t('{{left}} left', { left: left(due) });
    else if (ticket.sla_paused) state = t('Paused');
    else if (breached) state = t('Breached');
    return (
      <>
        <dt>{label}</dt>
        <dd>
          {due && <time dateTime={due}>{format.date(due)}</time>}
          <span className={breached || (due !== null && Date.parse(due) <= Date.now()) ? 'sla-due is-breached' : 'sla-due'}>{state}</span>
        </dd>
      </>
    );
  };
  return (
    <section className="sla-details" aria-label={t('SLA')}>
      <h3>{t('SLA')}</h3>
      <dl>
        {row(t('First response due'), ticket.first_response_due_at, ticket.first_response_breached)}
        {row(t('Resolution due'), ticket.resolution_due_at, ticket.resolution_breached)}
      </dl>
    </section>
  );
}
