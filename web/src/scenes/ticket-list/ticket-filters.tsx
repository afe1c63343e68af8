/** Filters and sorting of the list, each a labelled native select (the API's own values). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../components/labels.ts';
import { useDepartments } from '../../hooks/use-departments.ts';
import type { TicketListQuery } from '../../api/types.ts';
import type { FilterKey } from './use-list-filters.ts';

const SORTS: Record<string, string> = {
  '-created_at': 'Newest first', created_at: 'Oldest first', '-updated_at': 'Recently updated', updated_at: 'Least recently updated',
};

interface Props { filters: TicketListQuery; setFilter: (key: FilterKey, value: string) => void; staff: boolean }

export function TicketFilters({ filters, setFilter, staff }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments().data ?? [];
  const [search, setSearch] = useState(filters.search ?? '');
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
  return (
    <div className="filters">
      {staff && select('assignee', t('View'), [['me', t('Assigned to me')], ['none', t('Unassigned')]], t('All tickets'))}
      {select('status', t('Status'), Object.entries(STATUS_LABELS).map(([v, l]) => [v, t(l)]), t('Any status'))}
      {select('priority', t('Priority'), Object.entries(PRIORITY_LABELS).map(([v, l]) => [v, t(l)]), t('Any priority'))}
      {select('department', t('Department'), departments.map((d) => [String(d.id), d.name]), t('Any department'))}
      {select('sort', t('Sort by'), Object.entries(SORTS).map(([v, l]) => [v, t(l)]), '')}
      <form role="search" className="filter search" onSubmit={submitSearch}>
        <label>
          <span>{t('Search')}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('Number or words')} />
        </label>
        <button type="submit" className="button">{t('Search')}</button>
      </form>
    </div>
  );
}
