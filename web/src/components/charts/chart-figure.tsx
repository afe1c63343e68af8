/**
 * A chart with its words: the title, the picture (an SVG with role="img" and a one-line
 * summary as its name), and the same figures as a real table the person can open beneath
 * it ("Show as a table"), for screen readers, for copying, and for anyone who would rather
 * read numbers. `actions` holds the figure's own links (its CSV download).
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './charts.css';

interface Props {
  title: string;
  /** Level of the title in the page's outline (2 or 3). */
  level?: 2 | 3;
  actions?: ReactNode;
  /** The headers of the table: the first names the rows. */
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Shown instead of the chart and table when there is nothing to draw. */
  empty?: string | false;
  children: ReactNode;
}

export function ChartFigure({ title, level = 2, actions, columns, rows, empty, children }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <figure className="chart-figure" aria-labelledby={id}>
      <figcaption className="chart-head">
        <Heading id={id}>{title}</Heading>
        {actions}
      </figcaption>
      {empty ? <p className="empty">{empty}</p> : (
        <>
          {children}
          <details className="chart-table">
            <summary>{t('Show as a table')}<span className="visually-hidden">: {title}</span></summary>
            <div className="table-scroll" tabIndex={0} role="group" aria-labelledby={id}>
              <table>
                <caption className="visually-hidden">{title}</caption>
                <thead><tr>{columns.map((c, i) => <th key={i} scope="col">{c}</th>)}</tr></thead>
                <tbody>
                  {rows.map((row, r) => (
                    <tr key={r}>{row.map((cell, c) => (c === 0 ? <th key={c} scope="row">{cell}</th> : <td key={c}>{cell}</td>))}</tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}
