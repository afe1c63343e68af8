/**
 * Series over time as lines, the first also as a soft area beneath (created vs. solved).
 * Drawn at the width of its box; colours come from CSS classes (charts.css), so the CSP
 * needs no inline style and the theme's variables apply. Each point has a native tooltip.
 */
import { useTranslation } from 'react-i18next';
import { labelEvery, niceMax, ticks } from './scale.ts';
import { useWidth } from './use-width.ts';

export interface LineSeries { key: string; label: string }
export interface LinePoint { label: string; values: Record<string, number> }

interface Props { series: LineSeries[]; points: LinePoint[]; summary: string; height?: number }

const M = { top: 12, right: 12, bottom: 28, left: 40 };

export function LineChart({ series, points, summary, height = 220 }: Props) {
  const { i18n } = useTranslation();
  const { ref, width } = useWidth<HTMLDivElement>();
  const numbers = new Intl.NumberFormat(i18n.language);
  const max = niceMax(Math.max(0, ...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0))));
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;
  const x = (i: number) => M.left + (points.length <= 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v: number) => M.top + innerH - (v / max) * innerH;
  const line = (key: string) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.values[key] ?? 0).toFixed(1)}`).join(' ');
  const area = (key: string) => `${line(key)} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const showLabel = labelEvery(points.length, Math.floor(innerW / 70));

  return (
    <div className="chart-box" ref={ref}>
      <svg className="chart line-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {ticks(max).map((v) => (
          <g key={v}>
            <line className="chart-grid" x1={M.left} x2={width - M.right} y1={y(v)} y2={y(v)} />
            <text className="chart-axis" x={M.left - 6} y={y(v)} dy="0.32em" textAnchor="end">{numbers.format(v)}</text>
          </g>
        ))}
        {points.map((p, i) => showLabel(i) && (
          <text key={i} className="chart-axis" x={x(i)} y={height - 8} textAnchor={i === 0 && points.length > 1 ? 'start' : i === points.length - 1 && points.length > 1 ? 'end' : 'middle'}>{p.label}</text>
        ))}
        {series[0] && points.length > 1 && <path className={`chart-area series-${0}`} d={area(series[0].key)} />}
        {series.map((s, n) => <path key={s.key} className={`chart-line series-${n}`} d={line(s.key)} />)}
        {series.map((s, n) => points.map((p, i) => (
          <circle key={`${s.key}-${i}`} className={`chart-dot series-${n}`} cx={x(i)} cy={y(p.values[s.key] ?? 0)} r={points.length > 40 ? 2 : 3.5}>
            <title>{`${p.label} · ${s.label}: ${numbers.format(p.values[s.key] ?? 0)}`}</title>
          </circle>
        )))}
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s, n) => <li key={s.key}><span className={`swatch series-${n}`} />{s.label}</li>)}
      </ul>
    </div>
  );
}
