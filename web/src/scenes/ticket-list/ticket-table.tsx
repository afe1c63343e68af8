/**
 * The tickets as a table: customers see theirs; staff also see who asked and who works on
 * it, and select rows (a checkbox each, named after the ticket). The row under the
 * keyboard cursor (j/k) is marked and its link holds the focus, so Enter opens it.
 * Search words are marked in the subjects.
 */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Ticket } from '../../api/types.ts';
import { PriorityBadge, StatusBadge } from '../../components/badge.tsx';
import { SlaDueBadge } from '../../components/sla-due.tsx';
import { useFormat } from '../../hooks/use-format.ts';
import { highlightParts } from './highlight.ts';

interface Props {
  tickets: Ticket[];
  staff: boolean;
  words: string[];
  cursor: number;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onTogglePage: (all: boolean) => void;
  tableRef: Ref<HTMLTableElement>;
}

/** The subject with the search words in <mark>: text parts only, never HTML. */
function Highlighted({ text, words }: { text: string; words: string[] }) {
  return <>{highlightParts(text, words).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

export function TicketTable({ tickets, staff, words, cursor, selected, onToggle, onTogglePage, tableRef }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const allOnPage = tickets.length > 0 && tickets.every((tk) => selected.has(tk.id));
  return (
    <table className="tickets" ref={tableRef}>
      <thead>
        <tr>
          {staff && (
            <th scope="col" className="select-cell">
              <input type="checkbox" aria-label={t('Select all on this page')} checked={allOnPage} onChange={() => onTogglePage(!allOnPage)} />
            </th>
          )}
          <th scope="col">{t('Number')}</th>
          <th scope="col">{t('Subject')}</th>
          <th scope="col">{t('Status')}</th>
          <th scope="col">{t('Priority')}</th>
          <th scope="col">{t('Department')}</th>
          {staff && <th scope="col">{t('Requester')}</th>}
          {staff && <th scope="col">{t('Assignee')}</th>}
          {staff && <th scope="col">{t('SLA')}</th>}
          <th scope="col">{t('Updated')}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket, i) => (
          <tr key={ticket.id} className={[i === cursor && 'is-cursor', selected.has(ticket.id) && 'is-selected'].filter(Boolean).join(' ') || undefined}>
            {staff && (
              <td className="select-cell">
                <input type="checkbox" aria-label={t('Select {{number}} {{subject}}', { number: ticket.number, subject: ticket.subject })}
                  checked={selected.has(ticket.id)} onChange={() => onToggle(ticket.id)} />
              </td>
            )}
            <td className="number-cell">{ticket.number}</td>
            <td><Link to={`/${ticket.id}/`}><Highlighted text={ticket.subject} words={words} /></Link></td>
            <td><StatusBadge status={ticket.status} /></td>
            <td><PriorityBadge priority={ticket.priority} /></td>
            <td>{ticket.department.name}</td>
            {staff && <td>{ticket.requester?.name ?? '—'}</td>}
            {staff && <td>{ticket.assignee?.name ?? t('Unassigned')}</td>}
            {staff && <td><SlaDueBadge ticket={ticket} /></td>}
            <td><time dateTime={ticket.updated_at}>{format.date(ticket.updated_at)}</time></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
