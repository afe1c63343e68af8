/** Deactivate or reactivate an account, after a confirmation that says what it does. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import type { AdminUser } from '../people-shared/types.ts';
import { useSaveUser } from './users-queries.ts';

export function UserActivation({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const save = useSaveUser(user.id);
  const [open, setOpen] = useState(false);
  const deactivate = user.is_active;
  const confirm = () => save.mutate({ is_active: !deactivate }, { onSuccess: () => setOpen(false) });
  return (
    <section className="admin-form user-activation" aria-labelledby="activation-title">
      <h3 id="activation-title">{deactivate ? t('Deactivate the account') : t('Reactivate the account')}</h3>
      <ConfirmDialog open={open} onOpenChange={(o) => { setOpen(o); if (!o) save.reset(); }}
        trigger={<button type="button" className={deactivate ? 'button danger' : 'button'}>{deactivate ? t('Deactivate…') : t('Reactivate…')}</button>}
        title={deactivate ? t('Deactivate {{name}}?', { name: user.name }) : t('Reactivate {{name}}?', { name: user.name })}
        confirmLabel={deactivate ? t('Deactivate') : t('Reactivate')} danger={deactivate}
        onConfirm={confirm} pending={save.isPending} error={save.error}>
        {deactivate ? (
          <>
            <p>{t('{{name}} will be signed out everywhere at once and cannot sign in again.', { name: user.name })}</p>
            <p>{t('Their API tokens and password reset links stop working for good; reactivating does not bring them back.')}</p>
            <p>{t('Their tickets, messages and history stay as they are.')}</p>
          </>
        ) : (
          <p>{t('{{name}} may sign in again with their password. Tokens revoked at deactivation stay revoked.', { name: user.name })}</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
