/** /tickets/<id>/: the whole thread, the ticket's facts, and the composer. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../components/not-found-page.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { useMe } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import { MessageList } from './message-list.tsx';
import { PresenceIndicator } from './presence/presence-indicator.tsx';
import { usePresence } from './presence/use-presence.ts';
import { useTicket } from './queries.ts';
import { ReplyComposer } from './reply-composer.tsx';
import { TicketDetails } from './ticket-details.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function TicketThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const valid = UUID.test(id);
  const ticket = useTicket(id, valid);
  const [composing, setComposing] = useState(false);
  const presence = usePresence(valid ? id : '', composing);
  useTitle(ticket.data ? `${ticket.data.number} ${ticket.data.subject}` : undefined);

  if (!valid) return <NotFoundPage />;

  if (ticket.isPending) return <p role="status">{t('Loading…')}</p>;
  if (ticket.isError) return <><RequestError error={ticket.error} /><Link to="/">{t('Back to the tickets')}</Link></>;
  const data = ticket.data;
  return (
    <div className="ticket-page">
      <div className="thread-column">
        <p className="ticket-number">{data.number}</p>
        <h1>{data.subject}</h1>
        <section aria-label={t('Conversation')} className="thread">
          <MessageList ticketId={data.id} />
        </section>
        <PresenceIndicator others={presence.others} />
        <ReplyComposer ticket={data} me={me} onComposingChange={setComposing} />
      </div>
      <TicketDetails ticket={data} me={me} />
    </div>
  );
}
