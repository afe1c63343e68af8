/**
 * The thread in pages: the newest messages first, "Load earlier messages" above them for
 * the rest, so a thread of thousands of messages opens as fast as a short one.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestError } from '../../components/request-error.tsx';
import { MessageItem } from './message-item.tsx';
import { useThreadMessages } from './queries.ts';

export function MessageList({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const messages = useThreadMessages(ticketId);
  // Pages come newest first; the thread reads oldest first.
  const shown = useMemo(() => (messages.data?.pages ?? []).flatMap((p) => p.results).reverse(), [messages.data]);
  if (messages.isPending) return <p role="status">{t('Loading…')}</p>;
  // A failed page keeps the pages already read (TanStack Query keeps data on error).
  if (!messages.data) return <RequestError error={messages.error} />;
  return (
    <>
      {messages.hasNextPage && (
        <button type="button" className="button load-earlier" aria-busy={messages.isFetchingNextPage}
          disabled={messages.isFetchingNextPage} onClick={() => void messages.fetchNextPage()}>
          {t('Load earlier messages')}
        </button>
      )}
      {messages.isFetchNextPageError && <RequestError error={messages.error} />}
      {shown.map((m) => <MessageItem key={m.id} message={m} />)}
    </>
  );
}
