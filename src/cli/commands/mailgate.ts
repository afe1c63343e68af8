/**
 * `parley mailgate`: one message on stdin, from an MTA pipe (Postfix `pipe`, a
 * .forward, procmail). It exits 0 only once the message is stored, and 75 (EX_TEMPFAIL)
 * whenever it could not be, so the MTA keeps the message and tries again: also when the
 * database does not answer within PARLEY_DEADLINE_MS (never a pipe left hanging).
 */
import { loadConfig, type Config } from '../../config.ts';
import { withDeadline } from '../../db/deadline.ts';
import { findTenantBySlug } from '../../domain/tenants/tenants.repo.ts';
import { MAX_RAW_BYTES } from '../../mail/inbound/receive-message.ts';
import { headerRecipients } from '../../mail/inbound/sources/direct-header-recipients.ts';
import { recipientsByTenant, storeForTenants } from '../../mail/inbound/sources/direct-store.ts';
import { createRuntime, type Runtime } from '../../runtime.ts';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command.ts';

/** sysexits.h: the addressee is unknown (the MTA bounces the message). */
const EX_NOUSER = 67;
const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/;

interface Target { tenant?: string; recipients: string[]; sender: string | null }

export const mailgateCommand: CliCommand = {
  name: 'mailgate',
  summary: 'Store one message read on stdin (for an MTA pipe)',
  help: `Usage: parley mailgate [--tenant SLUG] [--recipient ADDRESS]... [--sender ADDRESS]

Reads one message (RFC 5322) on standard input and stores it for processing. The
tenant is --tenant, else the one whose queue addresses are among the --recipient
addresses, else among the message's Delivered-To, X-Original-To, To and Cc.

Postfix master.cf example:
  parley unix - n n - - pipe flags=Rq user=parley argv=/usr/bin/parley mailgate --sender \${sender} --recipient \${recipient}

Exit codes: 0 stored (or stored before); 64 bad usage; 65 no message or one over
${MAX_RAW_BYTES} bytes; 67 no tenant has a queue address among the recipients;
75 it could not be stored now (database unavailable...): the MTA should retry.`,
  async run(args, io) {
    const { values } = parseFlags(args, { tenant: { type: 'string' }, recipient: { type: 'string', multiple: true }, sender: { type: 'string' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return EXIT.ok; }
    const recipients = (values.recipient ?? []).map((r) => r.trim());
    const bad = recipients.find((r) => !ADDRESS.test(r));
    if (bad !== undefined) throw new UsageError(`--recipient "${bad}" is not an email address`);
    // An empty sender is the null reverse-path (<>) of bounces, which MTAs pass as "".
    const sender = values.sender?.trim() || null;
    if (sender && !ADDRESS.test(sender)) throw new UsageError(`--sender "${sender}" is not an email address`);
    if (values.tenant !== undefined && !values.tenant.trim()) throw new UsageError('--tenant needs a slug');

    let raw: Buffer | null;
    try {
      raw = await readBounded(io.stdin, MAX_RAW_BYTES);
    } catch (err) {
      return fail(io, EXIT.tempFail, `could not read the message: ${String(err)}`);
    }
    if (raw === null) return fail(io, EXIT.dataErr, `the message is over the ${MAX_RAW_BYTES} byte limit`);
    if (raw.length === 0) return fail(io, EXIT.dataErr, 'no message on standard input');

    const config = boundedConfig(loadConfig());
    let rt: Runtime | undefined;
    const work = (async () => {
      rt = await createRuntime(config, { log: () => {} });
      return deliver(rt, raw!, { tenant: values.tenant?.trim(), recipients, sender }, io);
    })();
    try {
      return await withDeadline(work, config.deadlineMs, 'storing the message');
    } catch (err) {
      return fail(io, EXIT.tempFail, `the message could not be stored, try again later: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      // Closing can fail once the message is safely stored; that must not turn success into a retry.
      // Past the deadline the work may still be running: it is closed (cut) without waiting.
      const close = () => rt?.close().catch(() => {});
      if (rt) await close();
      else void work.then(close, close);
    }
  },
};

/**
 * Each database wait gets at most half the deadline, so work still running when the
 * deadline passes ends soon after and the process exits instead of lingering on a socket.
 */
function boundedConfig(config: Readonly<Config>): Readonly<Config> {
  const half = Math.max(50, Math.floor(config.deadlineMs / 2));
  const t = config.database.timeouts;
  if (!t) return config;
  const cap = (ms: number) => (ms === 0 ? half : Math.min(ms, half));
  return { ...config, database: { ...config.database, timeouts: { ...t, connectMs: cap(t.connectMs), queryMs: cap(t.queryMs) } } };
}

async function deliver(rt: Runtime, raw: Buffer, target: Target, io: CliIO): Promise<number> {
  let byTenant: Map<string, string[]>;
  if (target.tenant) {
    const tenant = await findTenantBySlug(rt.db, target.tenant);
    if (!tenant) return fail(io, EX_NOUSER, `no tenant with slug "${target.tenant}"`);
    byTenant = new Map([[tenant.id, target.recipients.map((r) => r.toLowerCase())]]);
  } else {
    const addresses = target.recipients.length ? target.recipients : headerRecipients(raw);
    byTenant = (await recipientsByTenant(rt, addresses)).byTenant;
    if (byTenant.size === 0) return fail(io, EX_NOUSER, `no queue address among the recipients (${addresses.slice(0, 5).join(', ') || 'none'})`);
  }
  const withEnvelope = target.recipients.length > 0 || target.sender !== null;
  const outcomes = await storeForTenants(rt, { source: 'mailgate', raw, mailFrom: target.sender, byTenant, withEnvelope });
  const failed = [...outcomes.values()].filter((o) => !o.ok);
  if (failed.length) return fail(io, EXIT.tempFail, `the message could not be stored, try again later: ${failed.map((f) => (f.ok ? '' : f.error)).join('; ')}`);
  return EXIT.ok;
}

/** Reads the whole stream; null as soon as it is over `max` bytes. */
async function readBounded(stream: NodeJS.ReadableStream, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > max) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function fail(io: CliIO, code: number, message: string): number {
  io.stderr.write(`parley mailgate: ${message}\n`);
  return code;
}
