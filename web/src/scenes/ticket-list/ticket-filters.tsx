/**
 * Filters and sorting of the list, every one the API has, each a labelled control whose
 * value is in the address. The common ones are always shown; staff find the others under
 * "More filters". Text filters apply when the person leaves the field or presses Enter.
 */
import { useEffect, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../components/labels.ts';
import { useDepartments } from '../../hooks/use-departments.ts';
import { useStaff } from './use-staff.ts';
import type { FilterKey, Filters } from './use-list-filters.ts';

const SORTS: Record<string, string> = {
  '-created_at': 'Newest first', created_at: 'Oldest first', '-updated_at': 'Recently updated', updated_at: 'Least recently updated',
  sla_due_at: 'SLA due soonest',
};
/** SLA (docs/sla.md): a running clock past due, or falling due within so many minutes. */
const SLA_STATES: Record<string, string> = { breached: 'SLA breached' };
const SLA_WITHIN: Record<string, string> = { '60': 'Breaching in the next hour', '240': 'Breaching in the next 4 hours' };
const CHANNELS: Record<string, string> = { web: 'Web', email: 'Email', api: 'API' };

interface Props { filters: Filters; setFilter: (key: FilterKey, value: string) => void; staff: boolean; searchRef: Ref<HTMLInputElement> }

export function TicketFilters({ filters, setFilter, staff, searchRef }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments().data ?? [];
  const people = useStaff(staff).data ?? [];
  const [search, setSearch] = useState(filters.search ?? '');
  useEffect(() => setSearch(filters.search ?? ''), [filters.search]);
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilter('search', search.trim());
  };
  const select = (key: FilterKey, label: string, options: Array<[string, string]>, any: string) => (
    <label className="filter">
      <span>{label}</span>
      <select value={filters[key] ?? ''} onChange={(e) => setFilter(key, e.target.value)}>
        {any && <option value="">{any}</option>}
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </label>
  );
  const text = (key: FilterKey, label: string, type: 'text' | 'date' = 'text') => (
    <TextFilter key={`${key}:${filters[key] ?? ''}`} label={label} type={type} value={filters[key] ?? ''} onCommit={(v) => setFilter(key, v)} />
  );
  const more = (['assignee', 'requester', 'tag', 'category', 'channel', 'created_after', 'created_before', 'updated_after', 'updated_before'] as const)
    .filter((k) => filters[k]).length;
  return (
    <div className="list-filters">
      <div className="filters">
        {select('status', t('Status'), Object.entries(STATUS_LABELS).map(([v, l]) => [v, t(l)]), t('Any status'))}
        {select('priority', t('Priority'), Object.entries(PRIORITY_LABELS).map(([v, l]) => [v, t(l)]), t('Any priority'))}
        {select('department', t('Department'), [
          ...(staff ? [['mine', t('My departments')] as [string, string]] : []), ...departments.map((d) => [String(d.id), d.name] as [string, string]),
        ], t('Any department'))}
        {select('sort', t('Sort by'), Object.entries(SORTS).map(([v, l]) => [v, t(l)]), '')}
        {staff && select('sla', t('SLA'), Object.entries(SLA_STATES).map(([v, l]) => [v, t(l)]), t('Any SLA state'))}
        {staff && select('sla_due_within', t('SLA due'), Object.entries(SLA_WITHIN).map(([v, l]) => [v, t(l)]), t('Any time'))}
        <form role="search" className="filter search" onSubmit={submitSearch}>
          <label>
            <span>{t('Search')}</span>
            <input ref={searchRef} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('Number or words')} />
          </label>
          <button type="submit" className="button">{t('Search')}</button>
        </form>
      </div>
      {staff && (
        <details className="more-filters" open={more > 0 || undefined}>
          <summary>{more ? t('More filters ({{n}} set)', { n: more }) : t('More filters')}</summary>
          <div className="filters">
            {select('assignee', t('Assignee'), [['me', t('Me')], ['none', t('Unassigned')], ...people.map((p) => [p.id, p.name] as [string, string])], t('Anyone'))}
            {text('requester', t('Requester (email)'))}
            {text('tag', t('Tag'))}
            {text('category', t('Category'))}
            {select('channel', t('Channel'), Object.entries(CHANNELS).map(([v, l]) => [v, t(l)]), t('Any channel'))}
            {text('created_after', t('Created from'), 'date')}
            {text('created_before', t('Created before'), 'date')}
            {text('updated_after', t('Updated from'), 'date')}
            {text('updated_before', t('Updated before'), 'date')}
          </div>
        </details>
      )}
    </div>
  );
}

function TextFilter({ label, type, value, onCommit }: { label: string; type: 'text' | 'date'; value: string; onCommit: (v: string) => void }) {
  const [draft, setDraft] = useState(value);
  const commit = () => { if (draft.trim() !== value) onCommit(draft.trim()); };
  return (
    <form className="filter" onSubmit={(e) => { e.preventDefault(); commit(); }}>
      <label>
        <span>{label}</span>
        <input type={type} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} />
      </label>
    </form>
  );
}
