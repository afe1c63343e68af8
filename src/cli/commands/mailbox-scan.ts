import { listTenants, type TenantRow } from '../../domain/tenants/tenants.repo.ts';
import { findMailbox, findMailboxByName, type MailboxRow } from '../../mail/inbound/mailboxes.repo.ts';
import { scanDueMailboxes } from '../../mail/inbound/scan-due-mailboxes.ts';
import type { MailboxScanOutcome } from '../../mail/inbound/scan-mailbox.ts';
import type { Runtime } from '../../runtime.ts';
import { parseFlags } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { withRuntime } from '../with-runtime.ts';

export const mailboxScanCommand: CliCommand = {
  name: 'mailbox scan',
  summary: 'Fetch new mail from IMAP, POP3, Microsoft 365 and Gmail mailboxes',
  help: `Usage: parley mailbox scan [--tenant SLUG] [--mailbox NAME|ID] [--force] [--timeout SECONDS]

Scans every active mailbox of every tenant, one after another, or only those of
--tenant, or only --mailbox (a name or an id; give --tenant when the name exists in
several tenants). A mailbox scanned less than the tenant's mail_scan_frequency
minutes ago is skipped unless --force is given. Each mailbox has its own time limit
(--timeout, default 180 s), so one that fails or hangs does not stop the others.
Prints one line per mailbox; exits 1 when any mailbox failed.`,
  async run(args, io) {
    const { values } = parseFlags(args, { tenant: { type: 'string' }, mailbox: { type: 'string' }, force: { type: 'boolean' }, timeout: { type: 'string' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    const timeoutS = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutS !== undefined && !(Number.isInteger(timeoutS) && timeoutS > 0)) throw new UsageError('--timeout must be a whole number of seconds');
    return withRuntime(async (rt) => {
      const tenants = await listTenants(rt.db);
      const scope = values.tenant ? tenants.filter((t) => t.slug === values.tenant) : tenants;
      if (!scope.length) { io.stderr.write(`parley: no tenant with slug "${values.tenant}" (see: parley tenant list)\n`); return 1; }
      let mailbox: MailboxRow | undefined;
      if (values.mailbox) {
        const found = await findNamed(rt, scope, values.mailbox);
        if (found.length !== 1) {
          io.stderr.write(found.length
            ? `parley: mailbox "${values.mailbox}" exists in several tenants (${found.map((m) => slugOf(tenants, m.tenant_id)).join(', ')}); add --tenant\n`
            : `parley: no mailbox "${values.mailbox}"${values.tenant ? ` in tenant ${values.tenant}` : ''}\n`);
          return 1;
        }
        mailbox = found[0];
      }
      const outcomes = await scanDueMailboxes(rt, {
        tenantId: mailbox?.tenant_id ?? (values.tenant ? scope[0].id : undefined), mailboxId: mailbox?.id,
        force: values.force, timeoutMs: timeoutS && timeoutS * 1000,
        onOutcome: (o) => io.stdout.write(`${line(slugOf(tenants, o.tenantId), o)}\n`),
      });
      if (!outcomes.length) io.stdout.write('No active mailboxes to scan.\n');
      return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
    });
  },
};

async function findNamed(rt: Runtime, tenants: TenantRow[], nameOrId: string): Promise<MailboxRow[]> {
  const found: MailboxRow[] = [];
  for (const t of tenants) {
    const m = (await findMailbox(rt.db, t.id, nameOrId)) ?? (await findMailboxByName(rt.db, t.id, nameOrId));
    if (m) found.push(m);
  }
  return found;
}

const slugOf = (tenants: TenantRow[], id: string) => tenants.find((t) => t.id === id)?.slug ?? id;

function line(tenant: string, o: MailboxScanOutcome): string {
  const head = `${tenant}/${o.name} (${o.kind}):`;
  if (o.status === 'skipped') return `${head} skipped, ${o.detail}`;
  if (o.status === 'failed') return `${head} FAILED: ${o.detail}`;
  const c = o.counts;
  return `${head} fetched ${c.fetched}, stored ${c.stored}, duplicates ${c.duplicates}, errors ${c.errors}${o.detail ? ` (${o.detail})` : ''}`;
}
