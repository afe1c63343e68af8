/**
 * The registration form's rules, checked as the person types. The limits are the API's
 * (registerBody in src/http/schemas/auth.schema.ts, the password rule from GET portal/);
 * messages are English translation keys.
 */
import { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import { LANGUAGES } from '../../i18n/index.ts';

/** The same test the server makes (create-user.ts). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function registerForm(passwordMinLength: number) {
  return z.object({
    name: z.string().trim().min(1, 'Enter your name.').max(200, 'The name is too long (at most 200 characters).'),
    email: z.string().trim().min(1, 'Enter your email address.').max(254, 'Enter a valid email address.').regex(EMAIL, 'Enter a valid email address.'),
    password: z.string().min(1, 'Choose a password.').min(passwordMinLength, 'The password is too short.').max(1024, 'The password is too long.'),
    language: z.enum(['', ...LANGUAGES]),
  });
}
export type RegisterForm = z.infer<ReturnType<typeof registerForm>>;

/** The body of POST /tickets/api/auth/register/. */
export const toRegisterBody = (v: RegisterForm) => ({ name: v.name, email: v.email, password: v.password, ...(v.language && { language: v.language }) });

/** Each language in its own name: a person looks for their language as it calls itself. */

/** Where a refused registration belongs: the field the server named (as a message of ours), or the form as a whole. */
export function registerErrors(error: unknown): Array<{ field: keyof RegisterForm; message: string }> {
  if (!(error instanceof ApiError)) return [];
  if (error.status === 409) return [{ field: 'email', message: 'An account with this address exists already.' }];
  if (error.status !== 422 && error.status !== 400) return [];
  const messages: Record<string, string> = {
    name: 'Enter your name.', email: 'Enter a valid email address.', password: 'The password is too short.', language: 'Choose a language from the list.',
  };
  return (error.problem?.errors ?? []).flatMap((e) => {
    const field = e.field.split('.').pop() as keyof RegisterForm;
    return messages[field] ? [{ field, message: messages[field] }] : [];
  });
}
