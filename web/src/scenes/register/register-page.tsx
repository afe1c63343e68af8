/**
 * /tickets/register/: a customer creates their own account, where the helpdesk allows it
 * (GET portal/), then is signed in to the web session with the same credentials
 * (POST auth/login/, as the sign-in page does). A refused registration keeps what was typed
 * and says why next to the field.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { Field } from '../../components/field.tsx';
import { RequestError } from '../../components/request-error.tsx';
import { usePortal } from '../../hooks/use-portal.ts';
import { useSession, useSignIn } from '../../hooks/use-session.ts';
import { useTitle } from '../../hooks/use-title.ts';
import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/index.ts';
import { registerErrors, registerForm, toRegisterBody, type RegisterForm } from './register-form.ts';
import '../sign-in/portal-forms.css';

export function RegisterPage() {
  const { t } = useTranslation();
  useTitle(t('Create an account'));
  const session = useSession();
  const portal = usePortal();

  if (session.data) return <Navigate to="/" replace />;
  return (
    <main className="sign-in portal-form">
      <h1>{t('Create an account')}</h1>
      {portal.isPending ? <p role="status">{t('Loading…')}</p>
        : portal.isError ? <RequestError error={portal.error} />
        : portal.data.registration_allowed ? <RegisterFormView minLength={portal.data.password_min_length} />
        : <Closed />}
      <p className="portal-links">
        {t('Already have an account?')} <Link to="/sign-in/">{t('Sign in')}</Link>
      </p>
    </main>
  );
}

function Closed() {
  const { t } = useTranslation();
  return <p role="status">{t('This helpdesk does not let customers create their own account. Ask the support team to create one for you.')}</p>;
}

function RegisterFormView({ minLength }: { minLength: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signIn = useSignIn();
  const schema = useMemo(() => registerForm(minLength), [minLength]);
  const { register, handleSubmit, setError, formState: { errors } } = useForm<RegisterForm>({
    resolver: zodResolver(schema), mode: 'onTouched', defaultValues: { name: '', email: '', password: '', language: '' },
  });
  const create = useMutation({
    mutationFn: (values: RegisterForm) => api<unknown>('POST', '/auth/register/', toRegisterBody(values)),
    onError: (error) => {
      for (const e of registerErrors(error)) setError(e.field, { message: e.message }, { shouldFocus: true });
      // The admin turned registration off meanwhile: the page then says so.
      if (error instanceof ApiError && error.status === 403) void queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const onSubmit = (values: RegisterForm) => create.mutate(values, {
    onSuccess: () => signIn.mutate({ email: values.email, password: values.password }, { onSuccess: () => navigate('/', { replace: true }) }),
  });
  const fieldError = registerErrors(create.error).length > 0;

  return (
    <form noValidate onSubmit={handleSubmit(onSubmit)}>
      <Field id="name" label={t('Name')} error={errors.name?.message}>
        <input type="text" autoComplete="name" maxLength={200} {...register('name')} />
      </Field>
      <Field id="email" label={t('Email')} error={errors.email?.message}>
        <input type="email" autoComplete="email" {...register('email')} />
      </Field>
      <Field id="password" label={t('Password')} error={errors.password?.message}
        hint={t('At least {{min}} characters. A few words you will remember make a strong password.', { min: minLength })}>
        <input type="password" autoComplete="new-password" {...register('password')} />
      </Field>
      <Field id="language" label={t('Language (optional)')} error={errors.language?.message}>
        <select {...register('language')}>
          <option value="">{t('As my browser')}</option>
          {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      </Field>
      {!fieldError && <RequestError error={create.error} />}
      {signIn.isError && (
        <p role="alert" className="request-error">
          {t('Your account was created, but signing in failed.')} <Link to="/sign-in/">{t('Sign in')}</Link>
        </p>
      )}
      <button type="submit" className="button primary" disabled={create.isPending || signIn.isPending}>{t('Create account')}</button>
    </form>
  );
}
