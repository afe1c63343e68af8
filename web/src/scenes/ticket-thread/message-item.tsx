/**
 * One entry of the thread. A reply, an internal note (only staff ever get these) and a
 * system entry look unmistakably different, and say what they are in words too. Mail
 * HTML shows in its sandboxed frame; memoised, so loading earlier pages redraws nothing here.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreadMessage } from '../../api/types.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { MailHtmlFrame } from './mail-html-frame.tsx';

const KIND: Record<ThreadMessage['message_type'], string> = { reply: 'Reply', note: 'Internal note', system: 'System' };
const DELIVERY: Record<NonNullable<ThreadMessage['delivery']>['status'], string> = {
  queued: 'Mail queued', scheduled: 'Mail scheduled', held: 'Mail held', sent: 'Mail sent', failed: 'Mail failed', cancelled: 'Mail cancelled',
};

export const MessageItem = memo(function MessageItem({ message }: { message: ThreadMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const author = message.author?.name ?? t('Parley');
  const pending = message.id.startsWith('pending-');
  return (
    <article className={`message message-${message.message_type}${pending ? ' pending' : ''}`}
      aria-label={t('{{kind}} from {{author}}', { kind: t(KIND[message.message_type]), author })}>
      <header className="message-header">
        <span className="kind">{t(KIND[message.message_type])}</span>
        <strong>{author}</strong>
        <time dateTime={message.created_at}>{format.date(message.created_at)}</time>
        {pending && <span className="sending">{t('Sending…')}</span>}
        {message.delivery && <span className={`delivery delivery-${message.delivery.status}`}>{t(DELIVERY[message.delivery.status])}</span>}
      </header>
      {message.body_html
        ? <MailHtmlFrame html={message.body_html} attachments={message.attachments} />
        : <div className="message-body">{message.body}</div>}
      {message.attachments.length > 0 && (
        <ul className="attachments" aria-label={t('Attachments')}>
          {message.attachments.map((a) => (
            <li key={a.id}>
              <a href={a.url} download={a.filename}>{a.filename}</a> <span className="size">{format.size(a.size)}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
});
