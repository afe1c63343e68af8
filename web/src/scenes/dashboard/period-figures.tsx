/**
 * The period at a glance (GET /reports/summary/): tickets created and solved, first-response
 * and resolution times (median and 90th percentile), SLA compliance and CSAT as gauges,
 * and the same figures as a table; and the age of the open backlog as bars.
 */
import { useTranslation } from 'react-i18next';
import { reportCsvUrl } from '../../api/reports.ts';
import { BarChart } from '../../components/charts/bar-chart.tsx';
import { ChartFigure } from '../../components/charts/chart-figure.tsx';
import { Gauge } from '../../components/charts/gauge.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { CsvLink } from './csv-link.tsx';
import { useFigures } from './format.ts';
import type { DashboardScope } from './period.ts';
import { useSummary } from './queries.ts';

/** The backlog's age buckets as the API names them (docs/reports.md), in words. */
const BUCKETS: Record<string, string> = {
  '<1d': 'Under a day', '1-3d': '1 to 3 days', '3-7d': '3 to 7 days', '7-30d': '7 to 30 days', '>30d': 'Over 30 days',
};

export function PeriodGlance({ scope }: { scope: DashboardScope }) {
  const { t } = useTranslation();
  const f = useFigures();
  const summary = useSummary(scope);
  const s = summary.data;
  if (!s) return <><RequestError error={summary.error} />{summary.isPending && <p role="status">{t('Loading…')}</p>}</>;
  const title = t('The period at a glance');
  const rows: Array<[string, string]> = [
    [t('Created'), f.count(s.created)], [t('Solved'), f.count(s.solved)],
    [t('First response, median'), f.duration(s.first_response_minutes.median)], [t('First response, 90th percentile'), f.duration(s.first_response_minutes.p90)],
    [t('Resolution, median'), f.duration(s.resolution_minutes.median)], [t('Resolution, 90th percentile'), f.duration(s.resolution_minutes.p90)],
    [t('SLA met'), f.count(s.sla.met)], [t('SLA breached'), f.count(s.sla.breached)], [t('SLA compliance'), f.percent(s.sla.compliance)],
    [t('Satisfaction ratings'), f.count(s.csat.ratings)], [t('Positive ratings'), f.count(s.csat.positive)], [t('CSAT score'), f.percent(s.csat.score)],
  ];
  return (
    <>
      <RequestError error={summary.error} />
      <ChartFigure title={title} columns={[t('Figure'), t('Value')]} rows={rows}
        actions={<CsvLink href={reportCsvUrl('summary', scope)} what={title} />}>
        <div className="stats">
          <Stat label={t('Created')} value={f.count(s.created)} />
          <Stat label={t('Solved')} value={f.count(s.solved)} />
          <Stat label={t('First response')} value={f.duration(s.first_response_minutes.median)}
            detail={t('median · 90% within {{p90}}', { p90: f.duration(s.first_response_minutes.p90) })} />
          <Stat label={t('Resolution')} value={f.duration(s.resolution_minutes.median)}
            detail={t('median · 90% within {{p90}}', { p90: f.duration(s.resolution_minutes.p90) })} />
          <div className="stat">
            <h3>{t('SLA compliance')}</h3>
            <Gauge value={s.sla.compliance} label={t('SLA compliance')} noData={t('No SLA targets fell due')}
              detail={t('{{met}} met, {{breached}} breached', { met: f.count(s.sla.met), breached: f.count(s.sla.breached) })} />
          </div>
          <div className="stat">
            <h3>{t('CSAT')}</h3>
            <Gauge value={s.csat.score} label={t('CSAT score')} noData={t('No ratings yet')}
              detail={t('{{positive}} positive of {{ratings}} ratings', { positive: f.count(s.csat.positive), ratings: f.count(s.csat.ratings) })} />
          </div>
        </div>
      </ChartFigure>
    </>
  );
}

/** The tickets still open, by how long ago they were opened (the summary's backlog_age). */
export function BacklogAge({ scope }: { scope: DashboardScope }) {
  const { t } = useTranslation();
  const f = useFigures();
  const summary = useSummary(scope);
  const backlog = (summary.data?.backlog_age ?? []).map((b) => ({ key: b.bucket, label: BUCKETS[b.bucket] ? t(BUCKETS[b.bucket]) : b.bucket, value: b.count }));
  return (
    <>
      <ChartFigure title={t('Age of the open backlog')} columns={[t('Age'), t('Tickets')]} rows={backlog.map((b) => [b.label, f.count(b.value)])}
        empty={summary.isSuccess && backlog.length === 0 && t('Nothing to show for this period.')}
        actions={<CsvLink href={reportCsvUrl('summary', scope)} what={t('Age of the open backlog')} />}>
        <BarChart bars={backlog} tone={3}
          summary={`${t('Age of the open backlog')}: ${backlog.map((b) => `${b.label} ${f.count(b.value)}`).join(', ')}`} />
      </ChartFigure>
    </>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="stat">
      <h3>{label}</h3>
      <p className="stat-value">{value}</p>
      {detail && <p className="stat-detail">{detail}</p>}
    </div>
  );
}

