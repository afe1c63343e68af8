import { randomToken } from '../../domain/auth/secrets.ts';
import { createUser } from '../../domain/users/create-user.ts';
import type { Runtime } from '../../runtime.ts';

/** The first admin of a fresh install, with a random one-time password printed once. */
export async function bootstrapAdmin(rt: Runtime): Promise<{ email: string; password: string }> {
  const email = process.env.PARLEY_ADMIN_EMAIL ?? 'admin@localhost.localdomain';
  const password = randomToken(15);
  await createUser(rt.systemCtx(rt.defaultTenantId), { email, password, name: 'Administrator', role: 'admin' });
  return { email, password };
}
