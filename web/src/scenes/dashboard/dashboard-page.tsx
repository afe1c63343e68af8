/**
 * The dashboard at /tickets/dashboard/ (issue 12, seed 003: "a different view for customers
 * and agents"). Staff get the queue's counters, the period's figures and charts, each with
 * its table and CSV, filtered by period, department and agent (all in the address); admins
 * also get the per-agent table. Customers get their own tickets' counts.
 */
import { useTranslation } from 'react-i18next';
import { ticketsCsvUrl } from '../../api/reports.ts';
import { isStaff, useMe } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import '../../components/charts/charts.css';
import { AgentsTable } from './agents-table.tsx';
import { CounterTiles } from './counter-tiles.tsx';
import { CreatedVsSolved } from './created-vs-solved.tsx';
import { CustomerDashboard } from './customer-dashboard.tsx';
import { DashboardFilters } from './dashboard-filters.tsx';
import { Distributions } from './distributions.tsx';
import { BacklogAge, PeriodGlance } from './period-figures.tsx';
import { useDashboardScope } from './use-dashboard-scope.ts';
import './dashboard.css';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  useTitle(t('Dashboard'));
  return (
    <div className="dashboard">
      <h1>{t('Dashboard')}</h1>
      {isStaff(me) ? <StaffDashboard admin={me.role === 'admin'} /> : <CustomerDashboard />}
    </div>
  );
}

function StaffDashboard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const { scope, update } = useDashboardScope();
  return (
    <>
      <div className="dashboard-bar">
        <DashboardFilters scope={scope} update={update} />
        <a className="button" href={ticketsCsvUrl(scope)} download>{t('Export tickets (CSV)')}</a>
      </div>
      <CounterTiles scope={scope} />
      <div className="dashboard-section dashboard-grid">
        <PeriodGlance scope={scope} />
        <CreatedVsSolved scope={scope} />
        <BacklogAge scope={scope} />
      </div>
      <section className="dashboard-section" aria-labelledby="distribution-title">
        <h2 id="distribution-title">{t('Where the tickets went')}</h2>
        <Distributions scope={scope} />
      </section>
      {admin && <AgentsTable scope={scope} />}
    </>
  );
}
