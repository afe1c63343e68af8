/** The admin's view of the team over the period: each agent's assigned and solved tickets, median times and CSAT. */
import { useTranslation } from 'react-i18next';
import { reportCsvUrl } from '../../api/reports.ts';
import { RequestError } from '../../components/request-error.tsx';
import { CsvLink } from './csv-link.tsx';
import { useFigures } from './format.ts';
import type { DashboardScope } from './period.ts';
import { useAgentsReport } from './queries.ts';

export function AgentsTable({ scope }: { scope: DashboardScope }) {
  const { t } = useTranslation();
  const f = useFigures();
  const report = useAgentsReport(scope, true);
  const rows = report.data?.rows ?? [];
  const title = t('Agents');
  return (
    <section className="dashboard-section chart-figure" aria-labelledby="agents-title">
      <div className="chart-head">
        <h2 id="agents-title">{title}</h2>
        <CsvLink href={reportCsvUrl('agents', scope)} what={title} />
      </div>
      <RequestError error={report.error} />
      {report.isSuccess && rows.length === 0 ? <p className="empty">{t('Nothing to show for this period.')}</p> : (
        <div className="table-scroll" tabIndex={0} role="group" aria-labelledby="agents-title">
          <table className="agents-table" aria-labelledby="agents-title">
            <thead>
              <tr>
                <th scope="col">{t('Agent')}</th><th scope="col">{t('Assigned')}</th><th scope="col">{t('Solved')}</th>
                <th scope="col">{t('First response, median')}</th><th scope="col">{t('Resolution, median')}</th><th scope="col">{t('CSAT score')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.agent_id}>
                  <th scope="row">{r.name}</th><td>{f.count(r.assigned)}</td><td>{f.count(r.solved)}</td>
                  <td>{f.duration(r.first_response_median_minutes)}</td><td>{f.duration(r.resolution_median_minutes)}</td><td>{f.percent(r.csat_score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
