/** The dashboard's filters: the period (last 7, 30 or 90 days, or a range of days), the department and the agent, all kept in the address. */
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../../hooks/use-departments.ts';
import { useStaff } from '../ticket-list/use-staff.ts';
import type { DashboardScope } from './period.ts';
import type { useDashboardScope } from './use-dashboard-scope.ts';

const PERIODS: Record<DashboardScope['period'], string> = { 7: 'Last 7 days', 30: 'Last 30 days', 90: 'Last 90 days', custom: 'Custom range' };

interface Props { scope: DashboardScope; update: ReturnType<typeof useDashboardScope>['update'] }

export function DashboardFilters({ scope, update }: Props) {
  const { t } = useTranslation();
  const departments = useDepartments().data ?? [];
  const people = useStaff(true).data ?? [];
  const day = (key: 'from' | 'to', label: string) => (
    <label className="filter">
      <span>{label}</span>
      <input type="date" value={scope[key]} max={key === 'from' ? scope.to : undefined} min={key === 'to' ? scope.from : undefined} required
        onChange={(e) => {
          const value = e.target.value;
          const next = { from: scope.from, to: scope.to, [key]: value };
          if (value && next.from <= next.to) update({ period: 'custom', from: next.from, to: next.to });
        }} />
    </label>
  );
  return (
    <form className="filters dashboard-filters" aria-label={t('Dashboard filters')} onSubmit={(e) => e.preventDefault()}>
      <label className="filter">
        <span>{t('Period')}</span>
        <select value={scope.period}
          onChange={(e) => update(e.target.value === 'custom' ? { period: 'custom', from: scope.from, to: scope.to } : { period: e.target.value })}>
          {Object.entries(PERIODS).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
        </select>
      </label>
      {scope.period === 'custom' && <>{day('from', t('From'))}{day('to', t('To'))}</>}
      <label className="filter">
        <span>{t('Department')}</span>
        <select value={scope.department ?? ''} onChange={(e) => update({ department: e.target.value })}>
          <option value="">{t('All departments')}</option>
          {departments.map((d) => <option key={d.id} value={String(d.id)}>{d.name}</option>)}
        </select>
      </label>
      <label className="filter">
        <span>{t('Agent')}</span>
        <select value={scope.agent ?? ''} onChange={(e) => update({ agent: e.target.value })}>
          <option value="">{t('Anyone')}</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      </label>
    </form>
  );
}
