/** What "Test" found, step by step: reachable, valid JSON, the format field by field. */
import { useTranslation } from 'react-i18next';
import type { FerndeskTestReport } from './ferndesk-types.ts';

export function FerndeskTestResult({ report }: { report: FerndeskTestReport }) {
  const { t } = useTranslation();
  const step = (ok: boolean, label: string) => <li className={ok ? 'integration-ok' : 'integration-failed'}>{ok ? t('Passed') : t('Failed')}: {label}</li>;
  return (
    <section role="status" aria-labelledby="ferndesk-test-title" className="integration-test">
      <h4 id="ferndesk-test-title">{report.ok ? t('Ferndesk can read this endpoint.') : t('Ferndesk could not read this endpoint.')}</h4>
      <ul>
        {step(report.reachable && report.status === 200, t('Reachable (HTTP {{status}}, {{ms}} ms)', { status: report.status ?? '—', ms: report.duration_ms }))}
        {step(report.valid_json, t('Valid JSON'))}
        {step(report.valid_json && report.schema_errors.length === 0, t('In the format Ferndesk ingests'))}
      </ul>
      {report.error && <p className="field-error">{report.error}</p>}
      {report.ok && <p>{t('{{conversations}} conversations, {{messages}} messages.', { conversations: report.conversations ?? 0, messages: report.messages ?? 0 })}</p>}
      {report.schema_errors.length > 0 && (
        <table className="admin-table">
          <caption>{t('Fields Ferndesk would refuse')}</caption>
          <thead><tr><th scope="col">{t('Field')}</th><th scope="col">{t('Problem')}</th></tr></thead>
          <tbody>{report.schema_errors.map((e) => <tr key={e.field + e.message}><td><code>{e.field}</code></td><td>{e.message}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
