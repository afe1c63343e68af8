/**
 * A share (0..1) as a half-circle gauge with the big number in its middle: SLA compliance,
 * CSAT. No share yet (nothing measured) shows a dash and says so in words.
 */
import { useTranslation } from 'react-i18next';

interface Props { value: number | null; label: string; detail?: string; noData: string }

const R = 70;
const ARC = `M ${90 - R} 90 A ${R} ${R} 0 0 1 ${90 + R} 90`;

export function Gauge({ value, label, detail, noData }: Props) {
  const { i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  const shown = value === null ? '—' : percent.format(value);
  const share = value === null ? 0 : Math.min(1, Math.max(0, value));
  const tone = value === null ? '' : share >= 0.9 ? 'good' : share >= 0.7 ? 'fair' : 'poor';
  return (
    <div className="gauge">
      <svg className="chart" width={180} height={104} viewBox="0 0 180 104" role="img" aria-label={`${label}: ${value === null ? noData : shown}`}>
        <path className="gauge-track" d={ARC} pathLength={100} />
        {value !== null && <path className={`gauge-value ${tone}`} d={ARC} pathLength={100} strokeDasharray={`${share * 100} 100`} />}
        <text className="gauge-number" x={90} y={86} textAnchor="middle">{shown}</text>
      </svg>
      <p className="gauge-detail">{value === null ? noData : detail}</p>
    </div>
  );
}
