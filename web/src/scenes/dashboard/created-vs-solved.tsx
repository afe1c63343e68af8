/** Tickets created and solved over the period, by day, week or month (as the period's length suits), as lines and as a table. */
import { useTranslation } from 'react-i18next';
import { reportCsvUrl, type Interval } from '../../api/reports.ts';
import { ChartFigure } from '../../components/charts/chart-figure.tsx';
import { LineChart } from '../../components/charts/line-chart.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { useFigures } from './format.ts';
import { CsvLink } from './csv-link.tsx';
import { intervalFor, type DashboardScope } from './period.ts';
import { useCreatedVsSolved } from './queries.ts';

const STEP: Record<Interval, string> = { day: 'Day', week: 'Week of', month: 'Month' };

export function CreatedVsSolved({ scope }: { scope: DashboardScope }) {
  const { t, i18n } = useTranslation();
  const f = useFigures();
  const interval = intervalFor(scope.from, scope.to);
  const report = useCreatedVsSolved(scope, interval);
  const dates = new Intl.DateTimeFormat(i18n.language, interval === 'month' ? { month: 'short', year: 'numeric', timeZone: 'UTC' } : { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const points = (report.data?.series ?? []).map((p) => ({ label: dates.format(new Date(`${p.date.slice(0, 10)}T00:00:00Z`)), values: { created: p.created, solved: p.solved } }));
  const title = t('Created vs. solved');
  const created = points.reduce((n, p) => n + p.values.created, 0);
  const solved = points.reduce((n, p) => n + p.values.solved, 0);
  return (
    <>
      <RequestError error={report.error} />
      <ChartFigure title={title} columns={[t(STEP[interval]), t('Created'), t('Solved')]}
        rows={points.map((p) => [p.label, f.count(p.values.created), f.count(p.values.solved)])}
        empty={report.isSuccess && points.length === 0 && t('Nothing to show for this period.')}
        actions={<CsvLink href={reportCsvUrl('created-vs-solved', scope, { interval })} what={title} />}>
        <LineChart points={points} series={[{ key: 'created', label: t('Created') }, { key: 'solved', label: t('Solved') }]}
          summary={t('{{title}}: {{created}} created and {{solved}} solved in the period', { title, created: f.count(created), solved: f.count(solved) })} />
      </ChartFigure>
    </>
  );
}
