/**
 * The decision trace from the command line: `parley mail explain ID` shows why a
 * received message went where it went (as stored with it); `parley mail inspect
 * --explain FILE` (explainFiles) shows what the pipeline would decide about a file.
 */
import { readFile } from 'node:fs/promises';
import { parseFlags } from '../args.ts';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command.ts';
import { tenantIdOf, withRuntime } from '../with-runtime.ts';
import { presentInbound } from '../../domain/mailboxes/inbound-message.presenter.ts';
import { explainMail } from '../../mail/inbound/explain-mail.ts';
import { findInbound } from '../../mail/inbound/inbound.repo.ts';
import { findMailbox, findMailboxByName } from '../../mail/inbound/mailboxes.repo.ts';
import { formatTrace, parseTrace, type Trace } from '../../mail/inbound/trace.ts';

const HELP = `Usage: parley mail explain [--tenant SLUG] [--json] ID

Shows why the received message ID (see the received-mail admin API) went where it
went: each pipeline step's decision and its evidence, as recorded when it was last
processed. --json prints the message as the admin API shows it, trace included.
A message processed before traces were kept, or still waiting, has no trace.`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `parley mail explain ID`: the stored decision trace of one received message. */
export const mailExplainCommand: CliCommand = {
  name: 'mail explain',
  summary: 'Show why a received message went where it went (its decision trace)',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseFlags(args, { tenant: { type: 'string' }, json: { type: 'boolean' } }, true);
    if (values.help) { io.stdout.write(`${HELP}\n`); return EXIT.ok; }
    if (positionals.length !== 1 || !UUID.test(positionals[0])) throw new UsageError('give the id of one received message');
    return withRuntime(async (rt) => {
      const tenantId = await tenantIdOf(rt, values.tenant);
      const inbound = await findInbound(rt.db, tenantId, positionals[0]);
      if (!inbound) { io.stderr.write(`parley: no received message ${positionals[0]}${values.tenant ? ` in tenant ${values.tenant}` : ''}\n`); return EXIT.failure; }
      if (values.json) { io.stdout.write(`${JSON.stringify(presentInbound(inbound))}\n`); return EXIT.ok; }
      io.stdout.write(`${inbound.id}: ${inbound.status}${inbound.reason ? ` (${inbound.reason})` : ''}\n  From ${inbound.from_address ?? '?'}, subject ${JSON.stringify(inbound.subject ?? '')}\n`);
      const trace = parseTrace(inbound.trace ?? null);
      io.stdout.write(trace ? `${indent(formatTrace(trace))}\n` : '  (no trace: not processed since traces are kept)\n');
      return EXIT.ok;
    });
  },
};

export interface ExplainFilesOptions { tenant?: string; mailbox?: string; recipients: string[]; json: boolean }

/** `parley mail inspect --explain FILE…`: a dry run of the whole pipeline for each file, printed as its trace. */
export async function explainFiles(files: string[], opts: ExplainFilesOptions, io: CliIO): Promise<number> {
  return withRuntime(async (rt) => {
    const tenantId = await tenantIdOf(rt, opts.tenant);
    const mailbox = opts.mailbox ? (await findMailbox(rt.db, tenantId, opts.mailbox)) ?? (await findMailboxByName(rt.db, tenantId, opts.mailbox)) : undefined;
    if (opts.mailbox && !mailbox) throw new UsageError(`no mailbox "${opts.mailbox}" in this tenant`);
    let failed = false;
    for (const file of files) {
      let trace: Trace | null = null;
      let error: string | null = null;
      try {
        trace = await explainMail(rt, tenantId, await readMessage(file, io), { mailboxId: mailbox?.id ?? null, recipients: opts.recipients });
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        failed = true;
      }
      if (opts.json) io.stdout.write(`${JSON.stringify(error ? { file, error } : { file, trace })}\n`);
      else io.stdout.write(error ? `${file}: error: ${error}\n` : `${file} (dry run, nothing stored):\n${indent(formatTrace(trace!))}\n`);
    }
    return failed ? EXIT.failure : EXIT.ok;
  });
}

/** A message file's bytes, or standard input's for `-`. */
export async function readMessage(file: string, io: CliIO): Promise<Buffer> {
  if (file !== '-') return readFile(file);
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const indent = (lines: string[]): string => lines.map((l) => `  ${l}`).join('\n');
