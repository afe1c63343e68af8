/** argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane). */
import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../shared/errors.ts';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 /* argon2id */ } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function checkPasswordStrength(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw ValidationError.field(field, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1024) throw ValidationError.field(field, 'must be at most 1024 characters');
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash computed once, verified against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const target = passwordHash ?? (await (dummyHash ??= hashPassword('parley-dummy-password')));
  try {
    const ok = await verify(target, password);
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}
