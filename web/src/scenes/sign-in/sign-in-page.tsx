/**
 * Sign in with email and password: starts the web session, then goes back where the person was headed.
 * Links to the password reset request and, where the helpdesk allows it, to registration.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { Field } from '../../components/field.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { usePortal } from '../../hooks/use-portal.ts';
import { useSession, useSignIn } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import './portal-forms.css';

const signInForm = z.object({
  email: z.string().trim().min(1, 'Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(1024),
});
type SignInForm = z.infer<typeof signInForm>;

export function SignInPage() {
  const { t } = useTranslation();
  const session = useSession();
  useTitle(t('Sign in'));
  const signIn = useSignIn();
  const portal = usePortal();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const { register, handleSubmit, formState: { errors } } = useForm<SignInForm>({ resolver: zodResolver(signInForm), mode: 'onTouched' });

  if (session.data) return <Navigate to={from} replace />;
  const wrongCredentials = signIn.error instanceof ApiError && signIn.error.status === 401;

  return (
    <main className="sign-in">
      <h1>{t('Sign in')}</h1>
      <form noValidate onSubmit={handleSubmit((values) => signIn.mutate(values, { onSuccess: () => navigate(from, { replace: true }) }))}>
        <Field id="email" label={t('Email')} error={errors.email?.message}>
          <input type="email" autoComplete="username" {...register('email')} />
        </Field>
        <Field id="password" label={t('Password')} error={errors.password?.message}>
          <input type="password" autoComplete="current-password" {...register('password')} />
        </Field>
        {wrongCredentials
          ? <p role="alert" className="request-error">{t('The email or the password is wrong.')}</p>
          : <RequestError error={signIn.error} />}
        <button type="submit" className="button primary" disabled={signIn.isPending}>{t('Sign in')}</button>
      </form>
      <p className="portal-links"><Link to="/forgot-password/">{t('Forgot your password?')}</Link></p>
      {portal.data?.registration_allowed && (
        <p className="portal-links">{t('New here?')} <Link to="/register/">{t('Create an account')}</Link></p>
      )}
    </main>
  );
}
