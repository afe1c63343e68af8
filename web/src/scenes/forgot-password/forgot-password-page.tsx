/**
 * /tickets/forgot-password/: asks for a reset link by mail (POST auth/password-reset/). The
 * answer is the same whether an account exists or not, so the page never tells; only
 * "too many requests" is said as such. The mailed link opens /tickets/reset-password/.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client.ts';
import { Field } from '../../components/field.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { useTitle } from '../../hooks/use-title.ts';
import '../sign-in/portal-forms.css';

const forgotForm = z.object({ email: z.string().trim().min(1, 'Enter your email address.').max(254, 'Enter a valid email address.') });
type ForgotForm = z.infer<typeof forgotForm>;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  useTitle(t('Reset your password'));
  const { register, handleSubmit, formState: { errors } } = useForm<ForgotForm>({ resolver: zodResolver(forgotForm), mode: 'onTouched', defaultValues: { email: '' } });
  const request = useMutation({ mutationFn: (values: ForgotForm) => api<void>('POST', '/auth/password-reset/', values) });

  return (
    <main className="sign-in portal-form">
      <h1>{t('Reset your password')}</h1>
      {request.isSuccess ? (
        <p role="status">{t('If an account exists for {{email}}, a mail with a link to choose a new password is on its way. The link works for one hour.', { email: request.variables.email })}</p>
      ) : (
        <form noValidate onSubmit={handleSubmit((values) => request.mutate(values))}>
          <p>{t('Enter the address you signed up with. We will mail you a link to choose a new password.')}</p>
          <Field id="email" label={t('Email')} error={errors.email?.message}>
            <input type="email" autoComplete="email" {...register('email')} />
          </Field>
          <RequestError error={request.error} />
          <button type="submit" className="button primary" disabled={request.isPending}>{t('Send the link')}</button>
        </form>
      )}
      <p className="portal-links"><Link to="/sign-in/">{t('Back to sign in')}</Link></p>
    </main>
  );
}
