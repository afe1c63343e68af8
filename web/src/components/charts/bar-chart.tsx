/**
 * Horizontal bars, one row each, the label above its bar and the count at its end: long
 * names (departments, agents, categories) read whole on a phone. Colour by CSS class.
 */
import { useTranslation } from 'react-i18next';
import { useWidth } from './use-width.ts';

export interface Bar { key: string; label: string; value: number }

interface Props { bars: Bar[]; summary: string; tone?: number }

const ROW = 38;

export function BarChart({ bars, summary, tone = 0 }: Props) {
  const { i18n } = useTranslation();
  const { ref, width } = useWidth<HTMLDivElement>(320);
  const numbers = new Intl.NumberFormat(i18n.language);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const room = width - 56;
  const fit = Math.max(8, Math.floor(width / 7.5));
  const height = bars.length * ROW + 4;
  return (
    <div className="chart-box" ref={ref}>
      <svg className="chart bar-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {bars.map((b, i) => {
          const top = i * ROW;
          const w = Math.max(b.value > 0 ? 2 : 0, (b.value / max) * room);
          return (
            <g key={b.key}>
              <title>{`${b.label}: ${numbers.format(b.value)}`}</title>
              <text className="chart-label" x={0} y={top + 13}>{b.label.length > fit ? `${b.label.slice(0, fit - 1)}…` : b.label}</text>
              <rect className="chart-track" x={0} y={top + 19} width={room} height={12} rx={3} />
              <rect className={`chart-bar series-${tone}`} x={0} y={top + 19} width={w} height={12} rx={3} />
              <text className="chart-value" x={room + 8} y={top + 29}>{numbers.format(b.value)}</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
