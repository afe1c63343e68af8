/** How the period's tickets divide by category, department, priority, channel and agent: a bar chart and a table each. */
import { useTranslation } from 'react-i18next';
import { reportCsvUrl, type DistributionBy, type DistributionRow } from '../../api/reports.ts';
import { BarChart } from '../../components/charts/bar-chart.tsx';
import { ChartFigure } from '../../components/charts/chart-figure.tsx';
import { PRIORITY_LABELS, STATUS_LABELS } from '../../components/labels.ts';
import { RequestError } from '../../components/request-error.tsx';
import { CsvLink } from './csv-link.tsx';
import { useFigures } from './format.ts';
import type { DashboardScope } from './period.ts';
import { useDistribution } from './queries.ts';

const SHOWN: Array<{ by: DistributionBy; title: string }> = [
  { by: 'category', title: 'By category' }, { by: 'department', title: 'By department' }, { by: 'priority', title: 'By priority' },
  { by: 'channel', title: 'By channel' }, { by: 'agent', title: 'By agent' },
];
const CHANNELS: Record<string, string> = { web: 'Web', email: 'Email', api: 'API', system: 'System' };
/** The labels the app already has words for; the others (names the tenant gave) are shown as the API gives them. */
const WORDS: Partial<Record<DistributionBy, Record<string, string>>> = { priority: PRIORITY_LABELS, status: STATUS_LABELS, channel: CHANNELS };

export function Distributions({ scope }: { scope: DashboardScope }) {
  return <div className="distribution-grid">{SHOWN.map((d) => <DistributionChart key={d.by} scope={scope} by={d.by} title={d.title} />)}</div>;
}

function DistributionChart({ scope, by, title }: { scope: DashboardScope; by: DistributionBy; title: string }) {
  const { t } = useTranslation();
  const f = useFigures();
  const report = useDistribution(scope, by);
  const label = (row: DistributionRow) => {
    const word = row.key === null ? undefined : WORDS[by]?.[row.key];
    if (word) return t(word);
    if (row.key === null && by === 'agent') return t('Unassigned');
    if (row.key === null && by === 'category') return t('No category');
    return row.label || row.key || t('None');
  };
  const bars = (report.data?.rows ?? []).map((row) => ({ key: row.key ?? '-', label: label(row), value: row.count }));
  const heading = t(title);
  return (
    <ChartFigure title={heading} level={3} columns={[heading, t('Tickets')]} rows={bars.map((b) => [b.label, f.count(b.value)])}
      empty={report.isSuccess && bars.length === 0 && t('Nothing to show for this period.')}
      actions={<CsvLink href={reportCsvUrl('distribution', scope, { by })} what={heading} />}>
      <RequestError error={report.error} />
      <BarChart bars={bars} summary={`${heading}: ${bars.map((b) => `${b.label} ${f.count(b.value)}`).join(', ')}`} />
    </ChartFigure>
  );
}
