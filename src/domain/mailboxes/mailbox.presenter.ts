import type { MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import { looksSecret, parseOAuthConfig } from './mailbox-values.ts';

/**
 * A mailbox as admins see it. Built field by field so that no secret (password, client
 * secret, OAuth tokens) can leave the server; booleans say which of them are set.
 */
export function presentMailbox(m: MailboxRow) {
  const oauth = m.auth !== 'password';
  const config = parseOAuthConfig(m.oauth_config);
  return {
    id: m.id,
    name: m.name,
    kind: m.kind,
    host: m.host,
    port: m.port,
    security: m.security,
    auth: m.auth,
    username: m.username,
    oauth_provider: m.oauth_provider,
    oauth_config: config && Object.fromEntries(Object.entries(config).filter(([k]) => !looksSecret(k))),
    folder: m.folder,
    archive_folder: m.archive_folder,
    department: m.department_id,
    is_active: Boolean(m.is_active),
    state: m.state,
    last_error: m.last_error,
    last_scan_at: m.last_scan_at,
    last_success_at: m.last_success_at,
    has_password: !oauth && m.secret_enc !== null,
    has_client_secret: oauth && m.secret_enc !== null,
    connected: oauth ? m.oauth_refresh_enc !== null : m.secret_enc !== null,
    oauth_expires_at: m.oauth_expires_at,
    created_at: m.created_at,
    updated_at: m.updated_at,
  };
}
