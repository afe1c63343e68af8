/**
 * Change your own password (POST /tickets/api/users/<your id>/password/ with the current
 * one). The server then ends every sign-in of the account, this one included
 * (docs/security-sessions.md), so the person is told and signs in again.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { api, ApiError, setCsrfToken } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { Field } from '../../components/field.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { sessionKey } from '../../hooks/use-session.ts';

/** MIN_PASSWORD_LENGTH of src/domain/users/passwords.ts (that module hashes, so it cannot be bundled); the server checks it again. */
const MIN_PASSWORD_LENGTH = 10;

const passwordForm = z.object({
  current: z.string().min(1, 'Enter your current password.'),
  next: z.string().min(MIN_PASSWORD_LENGTH, 'Use at least 10 characters.').max(1024, 'Use at most 1024 characters.'),
  repeat: z.string(),
}).refine((v) => v.next === v.repeat, { path: ['repeat'], message: 'The two new passwords differ.' });
type PasswordForm = z.infer<typeof passwordForm>;

/** The server's field names and what it says, in the form's terms. */
function serverError(error: unknown): { field: keyof PasswordForm; message: string } | null {
  if (!(error instanceof ApiError)) return null;
  if (error.fieldError('current_password')) return { field: 'current', message: 'This is not your current password.' };
  if (error.fieldError('password')) return { field: 'next', message: 'Use at least 10 characters.' };
  return null;
}

export function ChangePassword({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { register, handleSubmit, setError, formState: { errors } } = useForm<PasswordForm>({
    resolver: zodResolver(passwordForm), mode: 'onTouched', defaultValues: { current: '', next: '', repeat: '' },
  });
  const change = useMutation({
    mutationFn: (v: PasswordForm) => api<void>('POST', `/users/${me.id}/password/`, { password: v.next, current_password: v.current }),
    onError: (error) => {
      const e = serverError(error);
      if (e) setError(e.field, { message: e.message });
    },
  });
  const signInAgain = () => {
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
    navigate('/sign-in/');
  };
  return (
    <section aria-labelledby="password-title" className="profile-section">
      <h2 id="password-title">{t('Password')}</h2>
      {change.isSuccess ? (
        <div role="status">
          <p>{t('Your password was changed, and you were signed out everywhere. Sign in again with the new one.')}</p>
          <button type="button" className="button primary" onClick={signInAgain}>{t('Sign in again')}</button>
        </div>
      ) : (
        <form noValidate onSubmit={handleSubmit((v) => change.mutate(v))}>
          <Field id="current-password" label={t('Current password')} error={errors.current?.message}>
            <input type="password" autoComplete="current-password" maxLength={1024} {...register('current')} />
          </Field>
          <Field id="new-password" label={t('New password')} error={errors.next?.message} hint={t('At least 10 characters. Changing it signs you out everywhere.')}>
            <input type="password" autoComplete="new-password" maxLength={1024} {...register('next')} />
          </Field>
          <Field id="repeat-password" label={t('Repeat the new password')} error={errors.repeat?.message}>
            <input type="password" autoComplete="new-password" maxLength={1024} {...register('repeat')} />
          </Field>
          {!serverError(change.error) && <RequestError error={change.error} />}
          <button type="submit" className="button primary" disabled={change.isPending}>{t('Change password')}</button>
        </form>
      )}
    </section>
  );
}
