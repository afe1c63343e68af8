/** Mail domains as the server accepts them (save-organisation.ts): lower case, dotted, a letter TLD. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/;

/** The domain as it will be stored, or null when it is not one (an address is taken for its domain). */
export function normaliseDomain(input: string): string | null {
  const value = input.trim().toLowerCase().replace(/^.*@/, '');
  return DOMAIN.test(value) ? value : null;
}
