/**
 * Outgoing-mail settings as admins see them. Built field by field: the password never
 * leaves the server (`has_password` says whether one is stored), nor the DKIM private key.
 */
import type { OutgoingDkimRow, OutgoingTransportRow } from './outgoing-transports.repo.ts';

/** One scope's stored setting. */
export function presentOutgoingTransport(r: OutgoingTransportRow) {
  return {
    kind: r.kind as 'smtp' | 'mailbox',
    host: r.host,
    port: r.port,
    security: r.security,
    username: r.username,
    has_password: r.password_enc !== null,
    mailbox: r.mailbox_id,
    via: r.via,
    version: r.version,
    updated_at: r.updated_at,
  };
}

export type EffectiveSource = 'department' | 'tenant' | 'install' | 'none';

export interface OutgoingMailState {
  departmentId: number | null;
  setting: OutgoingTransportRow | undefined;
  /** Where this scope's mail goes out now: its own setting, the tenant's, SMTP_URL, or nowhere. */
  effective: EffectiveSource;
  installTransport: boolean;
  waiting: { waiting_since: string } | undefined;
  queued: number;
}

/** A scope's setting, what its mail uses now, and whether the tenant's mail waits for a transport. */
export function presentOutgoingMail(s: OutgoingMailState) {
  return {
    department: s.departmentId,
    setting: s.setting ? presentOutgoingTransport(s.setting) : null,
    effective: s.effective,
    install_transport: s.installTransport,
    waiting: s.waiting ? { since: s.waiting.waiting_since, queued: s.queued } : null,
  };
}

/** The tenant's DKIM key: its public half and the DNS TXT record to publish. */
export function presentDkim(k: OutgoingDkimRow) {
  return {
    domain: k.domain,
    selector: k.selector,
    public_key: k.public_key,
    dns_record: { name: `${k.selector}._domainkey.${k.domain}`, type: 'TXT' as const, value: `v=DKIM1; k=rsa; p=${k.public_key}` },
    updated_at: k.updated_at,
  };
}
