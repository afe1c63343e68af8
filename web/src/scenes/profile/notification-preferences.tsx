/**
 * Which notifications also come by mail (GET/PUT /tickets/api/me/notification-preferences/,
 * docs/notifications.md). Each box saves on its own at once; a refused save puts it back
 * and says so. In-app notifications (the bell) always come.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailedKind, MailPreferences } from '../../../../src/domain/user-notifications/notification-kinds.ts';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { RequestError } from '../../components/request-error.tsx';
import { isStaff } from '../../hooks/use-session.ts';

const KIND_LABELS: Record<MailedKind, string> = {
  new_ticket: 'A new ticket arrives in my departments',
  customer_reply: 'A customer replies on my tickets',
  assigned: 'A ticket is assigned to me',
  transferred: 'A ticket moves to my department',
  mentioned: 'Someone mentions me in a note',
  resolved: 'My ticket is resolved',
};
/** Customers are only ever told that their ticket was resolved. */
const CUSTOMER_KINDS: MailedKind[] = ['resolved'];
const key = ['me', 'notification-preferences'] as const;
type Preferences = { email: MailPreferences };

export function NotificationPreferences({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: key, queryFn: () => api<Preferences>('GET', '/me/notification-preferences/') });
  const save = useMutation({
    mutationFn: (change: Partial<MailPreferences>) => api<Preferences>('PUT', '/me/notification-preferences/', { email: change }),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  // What the person just chose, shown at once (the query cache tells its readers a tick later, and a
  // controlled box would first spring back); a refused save puts the box back.
  const [chosen, setChosen] = useState<Partial<MailPreferences>>({});
  const toggle = (kind: MailedKind, on: boolean) => {
    setChosen((c) => ({ ...c, [kind]: on }));
    save.mutate({ [kind]: on }, { onError: () => setChosen(({ [kind]: _, ...rest }) => rest) });
  };
  const kinds = isStaff(me) ? (Object.keys(KIND_LABELS) as MailedKind[]) : CUSTOMER_KINDS;
  return (
    <section aria-labelledby="mail-prefs-title" className="profile-section">
      <h2 id="mail-prefs-title">{t('Mail notifications')}</h2>
      <RequestError error={prefs.error} />
      {prefs.data && (
        <fieldset className="checks">
          <legend>{t('Also tell me by mail when…')}</legend>
          {kinds.map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={chosen[kind] ?? prefs.data.email[kind]} onChange={(e) => toggle(kind, e.target.checked)} />
              {t(KIND_LABELS[kind])}
            </label>
          ))}
          <p className="hint">{t('The bell in the header shows every notification, whatever you choose here.')}</p>
        </fieldset>
      )}
      <RequestError error={save.error} />
    </section>
  );
}
