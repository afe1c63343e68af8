/** One received message: where it came from, what became of it and why (the decision trace), and what an admin can do with it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, API } from '../../../api/client.ts';
import { RequestError } from '../../../components/request-error.tsx';
import { useFormat } from '../../../hooks/use-format.ts';
import { useTitle } from '../../../hooks/use-title.ts';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import type { Inbound } from '../mail-shared/types.ts';
import { ACCEPTABLE, INBOUND_STATUS_LABELS, REPROCESSABLE } from './inbound-labels.ts';
import { inboundKey } from './quarantine-page.tsx';

export function InboundDetail() {
  const { t } = useTranslation();
  const { date, size } = useFormat();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const key = [...inboundKey, 'one', id];
  const message = useQuery({ queryKey: key, queryFn: () => api<Inbound>('GET', `/inbound-messages/${id}/`) });
  useTitle(message.data ? message.data.subject || t('(no subject)') : undefined);
  const done = async (m: Inbound) => {
    queryClient.setQueryData(key, m);
    await queryClient.invalidateQueries({ queryKey: inboundKey, predicate: (q) => q.queryKey[2] !== 'one' });
  };
  const reprocess = useMutation({ mutationFn: () => api<Inbound>('POST', `/inbound-messages/${id}/reprocess/`), onSuccess: done });
  const accept = useMutation({ mutationFn: () => api<Inbound>('POST', `/inbound-messages/${id}/accept/`), onSuccess: done });
  const discard = useMutation({ mutationFn: () => api<Inbound>('POST', `/inbound-messages/${id}/discard/`), onSuccess: done });
  const busy = reprocess.isPending || accept.isPending || discard.isPending;

  if (message.error) return <RequestError error={message.error} />;
  if (!message.data) return <p className="loading" role="status">{t('Loading…')}</p>;
  const m = message.data;
  return (
    <section className="mail-admin" aria-labelledby="inbound-subject">
      <p><Link to=".." relative="path">{t('All received mail')}</Link></p>
      <h2 id="inbound-subject">{m.subject || t('(no subject)')}</h2>
      <dl className="mail-facts">
        <dt>{t('Status')}</dt><dd><span className={`mail-badge mail-inbound-${m.status}`}>{t(INBOUND_STATUS_LABELS[m.status])}</span></dd>
        {m.reason && <><dt>{t('Why')}</dt><dd>{m.reason}</dd></>}
        <dt>{t('Sender')}</dt><dd>{m.from ?? ''}</dd>
        {m.envelope && <><dt>{t('Delivered to')}</dt><dd>{m.envelope.recipients.join(', ')}</dd></>}
        <dt>{t('Received')}</dt><dd><time dateTime={m.received_at}>{date(m.received_at)}</time></dd>
        {m.processed_at && <><dt>{t('Processed')}</dt><dd><time dateTime={m.processed_at}>{date(m.processed_at)}</time></dd></>}
        <dt>{t('Came by')}</dt><dd>{m.source}</dd>
        <dt>{t('Size')}</dt><dd>{size(m.size)}</dd>
        {m.message_id && <><dt>{t('Message-ID')}</dt><dd className="mail-break">{m.message_id}</dd></>}
        {m.ticket && <><dt>{t('Ticket')}</dt><dd><Link to={`/${m.ticket}/`}>{t('Open the ticket')}</Link></dd></>}
      </dl>
      <div className="mail-actions">
        {REPROCESSABLE.includes(m.status) && <button type="button" className="button primary" disabled={busy} onClick={() => reprocess.mutate()}>{t('Reprocess')}</button>}
        {ACCEPTABLE.includes(m.status) && <button type="button" className="button" disabled={busy} onClick={() => accept.mutate()}>{t('Make it a ticket')}</button>}
        {m.status === 'quarantined' && (
          <ConfirmDialog trigger={<button type="button" className="button mail-danger" disabled={busy}>{t('Discard')}</button>} title={t('Discard this message?')}
            confirmLabel={t('Discard')} danger onConfirm={() => discard.mutateAsync()} pending={discard.isPending} error={discard.error}>
            <p>{t('Its raw bytes are deleted and it cannot be processed again.')}</p>
          </ConfirmDialog>
        )}
        {m.status !== 'discarded' && <a className="button" href={`${API}/inbound-messages/${m.id}/raw/`} download>{t('Download .eml')}</a>}
      </div>
      <RequestError error={reprocess.error ?? accept.error} />
      {(reprocess.isSuccess || accept.isSuccess) && <p role="status" className="mail-ok">{t('Queued for processing again.')}</p>}
      {discard.isSuccess && <p role="status" className="mail-ok">{t('Discarded.')}</p>}
      <h3>{t('What the pipeline decided')}</h3>
      {!m.trace && <p className="hint">{t('No decisions recorded: the message has not been processed yet.')}</p>}
      {m.trace && (
        <>
          <ol className="mail-trace">
            {m.trace.entries.map((e, i) => (
              <li key={i}><strong>{e.step}</strong> <code>{e.decision}</code> <span>{e.detail}</span></li>
            ))}
          </ol>
          {m.trace.omitted > 0 && <p className="hint">{t('{{n}} more decisions were left out.', { n: m.trace.omitted })}</p>}
        </>
      )}
    </section>
  );
}
