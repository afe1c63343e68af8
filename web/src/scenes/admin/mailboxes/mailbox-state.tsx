/** A mailbox's state in words: working, failing (since its last success), needing re-authorization (prominent), or paused; and its last scan. */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../hooks/use-format.ts';
import type { Mailbox } from '../mail-shared/types.ts';

export function MailboxState({ mailbox: m, detail = false }: { mailbox: Mailbox; detail?: boolean }) {
  const { t } = useTranslation();
  const { date } = useFormat();
  let label: string;
  let tone: string;
  if (!m.is_active) { label = t('Paused'); tone = 'idle'; }
  else if (m.state === 'needs_reauth') { label = t('Needs re-authorization'); tone = 'warn'; }
  else if (m.state === 'error') { label = m.last_success_at ? t('Failing since the scan after {{date}}', { date: date(m.last_success_at) }) : t('Failing, never worked'); tone = 'bad'; }
  else { label = t('Working'); tone = 'good'; }
  return (
    <span className="mailbox-state">
      <span className={`mail-badge mail-badge-${tone}`}>{label}</span>
      <small className="hint">{m.last_scan_at ? t('Last scan {{date}}', { date: date(m.last_scan_at) }) : t('Never scanned')}</small>
      {detail && m.last_error && <small className="hint mail-error-text">{m.last_error}</small>}
    </span>
  );
}
