/** The English text (translation key) of each closed value of a mailbox. */
export const KIND_LABELS: Record<string, string> = {
  imap: 'IMAP', pop3: 'POP3', graph: 'Microsoft 365 (Graph)', gmail: 'Gmail (Google API)',
};

export const SECURITY_LABELS: Record<string, string> = {
  tls: 'TLS (implicit, port 993 or 995)', starttls: 'STARTTLS (required)', none: 'None (only for a server on this machine)',
};

export const PROVIDER_LABELS: Record<string, string> = { microsoft: 'Microsoft 365', google: 'Google' };

/** Why a connection test failed, in words. */
export const TEST_FAILURES: Record<string, string> = {
  auth: 'The server refused the user name or password.',
  unreachable: 'The server could not be reached: check the host and port.',
  tls: 'The secure connection failed: the certificate is not trusted, or the security setting does not match the port.',
  timeout: 'The server did not answer in time.',
  folder: 'Logged in, but the folder could not be opened.',
  config: 'These settings cannot work.',
};
