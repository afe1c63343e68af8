/**
 * "I'm away" (agents and admins): while on, automatic assignment passes over you
 * (docs/assignment.md). Saved at once through PATCH /tickets/api/me/, shown optimistically
 * and put back, with the error said here, when the server refuses.
 */
import * as Label from '@radix-ui/react-label';
import * as Switch from '@radix-ui/react-switch';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { RequestError } from '../../components/request-error.tsx';
import { sessionKey } from '../../hooks/use-session.ts';
import '../../shortcuts/cheat-sheet.css';
import './away-switch.css';

export function AwaySwitch({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (away: boolean) => api<Me>('PATCH', '/me/', { away }),
    onMutate: async (away) => {
      await queryClient.cancelQueries({ queryKey: sessionKey });
      const before = queryClient.getQueryData<Me>(sessionKey);
      if (before) queryClient.setQueryData<Me>(sessionKey, { ...before, away });
      return { before };
    },
    onError: (_error, _away, context) => { if (context?.before) queryClient.setQueryData(sessionKey, context.before); },
    onSuccess: (saved) => queryClient.setQueryData(sessionKey, saved),
  });
  return (
    <section aria-labelledby={`${id}-title`} className="profile-section">
      <h2 id={`${id}-title`}>{t('Availability')}</h2>
      <div className="away-switch">
        <Switch.Root id={id} className="switch" checked={me.away} onCheckedChange={(away) => save.mutate(away)} aria-describedby={`${id}-hint`}>
          <Switch.Thumb className="switch-thumb" />
        </Switch.Root>
        <Label.Root htmlFor={id}>{t('I’m away')}</Label.Root>
        <small id={`${id}-hint`} className="hint">
          {me.away ? t('On: new tickets are not assigned to you automatically.') : t('Off: departments that assign automatically may give you new tickets.')}
        </small>
      </div>
      <RequestError error={save.error} />
    </section>
  );
}
