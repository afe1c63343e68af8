/**
 * One scan of one mailbox, whatever its kind: honours the tenant's
 * `mail_scan_frequency` (unless forced), runs the source under a time limit, and
 * records the outcome on the mailbox (last scan, last success, state, last error) so an
 * admin sees a failing mailbox. Errors end here: a scan resolves to its outcome and
 * never throws, so the caller can go on with the next mailbox.
 */
import { nowIso } from '../../domain/shared/clock.ts';
import { getSettings } from '../../domain/settings/get-settings.ts';
import type { Runtime } from '../../runtime.ts';
import { findMailbox, updateMailbox, type MailboxRow } from './mailboxes.repo.ts';
import { MailboxNeedsReauthError } from './oauth/access-token.ts';
import type { ScanResult } from './oauth/scan-messages.ts';
import { scanGmailMailbox } from './sources/gmail-source.ts';
import { scanGraphMailbox } from './sources/graph-source.ts';
import { scanImapMailbox } from './sources/imap-source.ts';
import { describeError } from './sources/mailbox-credentials.ts';
import { scanPop3Mailbox } from './sources/pop3-source.ts';

export interface ScanCounts { fetched: number; stored: number; duplicates: number; errors: number }

export interface MailboxScanOutcome {
  mailboxId: string; tenantId: string; name: string; kind: string;
  /** skipped: inactive, or scanned less than mail_scan_frequency ago. */
  status: 'scanned' | 'skipped' | 'failed';
  counts: ScanCounts;
  /** Why it was skipped or failed; for a scan, what went wrong with single messages. */
  detail: string | null;
}

export interface ScanMailboxOptions {
  force?: boolean;
  /** The scan is abandoned (its connection closed) after this long; default 3 minutes. */
  timeoutMs?: number;
}

/** The scheduler ticks each minute: a scan due a few seconds from now is due now. */
const SLACK_MS = 10_000;
export const DEFAULT_SCAN_TIMEOUT_MS = 3 * 60_000;

export async function scanMailbox(rt: Runtime, mailbox: MailboxRow, o: ScanMailboxOptions = {}): Promise<MailboxScanOutcome> {
  const outcome = (status: MailboxScanOutcome['status'], detail: string | null, counts?: ScanCounts): MailboxScanOutcome => ({
    mailboxId: mailbox.id, tenantId: mailbox.tenant_id, name: mailbox.name, kind: mailbox.kind, status, detail,
    counts: counts ?? { fetched: 0, stored: 0, duplicates: 0, errors: status === 'failed' ? 1 : 0 },
  });
  if (!mailbox.is_active) return outcome('skipped', 'inactive');
  if (!o.force && mailbox.last_scan_at) {
    const { mail_scan_frequency: minutes } = await getSettings(rt.db, mailbox.tenant_id);
    const wait = msUntilDue(mailbox, minutes);
    if (wait > 0) return outcome('skipped', `scanned less than ${minutes} min ago (mail_scan_frequency); next in ${Math.ceil(wait / 1000)} s`);
  }
  await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { last_scan_at: nowIso() });
  try {
    const result = await withTimeout(o.timeoutMs ?? DEFAULT_SCAN_TIMEOUT_MS, (signal) => runSource(rt, mailbox, signal));
    const detail = result.failed.length
      ? `${result.failed.length} message(s) could not be taken in: ${result.failed.map((f) => `${f.ref}: ${f.error}`).join('; ')}`.slice(0, 2000)
      : null;
    await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { state: 'ok', last_success_at: nowIso(), last_error: detail });
    return outcome('scanned', detail, { fetched: result.fetched, stored: result.stored, duplicates: result.duplicates, errors: result.failed.length });
  } catch (err) {
    const message = describeError(err);
    // The OAuth code has marked the mailbox as needing an admin; keep that state.
    const current = await findMailbox(rt.db, mailbox.tenant_id, mailbox.id);
    const reauth = err instanceof MailboxNeedsReauthError || current?.state === 'needs_reauth';
    await updateMailbox(rt.db, mailbox.tenant_id, mailbox.id, { state: reauth ? 'needs_reauth' : 'error', last_error: message });
    return outcome('failed', message);
  }
}

/** How long until the mailbox may be scanned again; zero or less when it is due. */
export function msUntilDue(mailbox: Pick<MailboxRow, 'last_scan_at'>, minutes: number, now = Date.now()): number {
  return mailbox.last_scan_at ? Date.parse(mailbox.last_scan_at) + minutes * 60_000 - SLACK_MS - now : 0;
}

function runSource(rt: Runtime, mailbox: MailboxRow, signal: AbortSignal): Promise<ScanResult> {
  switch (mailbox.kind) {
    case 'imap': return scanImapMailbox(rt, mailbox, { signal });
    case 'pop3': return scanPop3Mailbox(rt, mailbox, { signal });
    case 'graph': return scanGraphMailbox(rt, mailbox);
    case 'gmail': return scanGmailMailbox(rt, mailbox);
    default: return Promise.reject(new Error(`mailbox ${mailbox.name}: unknown kind "${mailbox.kind}"`));
  }
}

/** Runs `fn`, aborting its signal and rejecting when it takes longer than `ms`. */
async function withTimeout<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const work = fn(controller.signal);
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the scan took longer than ${Math.round(ms / 1000)} s and was stopped`));
      controller.abort();
    }, ms);
  });
  // The abandoned scan still settles later (its connection closed); nobody waits for it.
  work.catch(() => {});
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
