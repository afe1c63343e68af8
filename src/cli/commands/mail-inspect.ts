import { parseFlags } from '../args.ts';
import { EXIT, UsageError } from '../command.ts';
import type { CliCommand, CliIO } from '../command.ts';
import { inspectMail } from '../../mail/inbound/inspect.ts';
import { loadCustomPatterns } from '../../mail/inbound/analysis/custom-patterns.ts';
import { explainFiles, readMessage } from './mail-explain.ts';

const HELP = `Usage: parley mail inspect FILE...
       parley mail inspect --explain [--tenant SLUG] [--mailbox NAME|ID] [--recipient ADDRESS]... [--json] FILE...

Parses each message file (or - for standard input) with the inbound
pipeline's parse and classification steps and prints one JSON object per
file, in argument order. Nothing is stored.

With --explain, runs each file through every step of the inbound pipeline for
a tenant (the default tenant unless --tenant), as if it had just been
received (from --mailbox, or with --recipient as SMTP envelope recipients),
and prints each step's decision and its evidence: where it would be routed,
which ticket it would continue or whether it would open one, or why it would
not become a ticket. This is a dry run: the run is rolled back, no file is
written, no mail is sent. --json prints one {"file","trace"} object per file.
To see why a message that was received went where it went: parley mail explain ID.

Exit status: 0 when every file was handled, 1 when some could not be read
or parsed (their line carries "error"), 64 when no file was given.`;

/** `parley mail inspect FILE…`: shows what the pipeline makes of messages (with --explain: every decision). */
export const mailInspectCommand: CliCommand = {
  name: 'mail inspect',
  summary: 'Parse and classify message files, print JSON Lines (--explain: the decision trace)',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseFlags(args, {
      explain: { type: 'boolean' }, json: { type: 'boolean' }, tenant: { type: 'string' }, mailbox: { type: 'string' },
      recipient: { type: 'string', multiple: true },
    }, true);
    if (values.help) {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    const patterns = process.env.PARLEY_MAIL_PATTERNS;
    if (patterns) loadCustomPatterns(patterns);
    if (positionals.length === 0) {
      io.stderr.write(`${HELP}\n`);
      return EXIT.usage;
    }
    if (values.explain) return explainFiles(positionals, { tenant: values.tenant, mailbox: values.mailbox, recipients: values.recipient ?? [], json: !!values.json }, io);
    if (values.tenant || values.mailbox || values.recipient || values.json) throw new UsageError('--tenant, --mailbox, --recipient and --json go with --explain');
    let failed = false;
    for (const file of positionals) {
      const line = await inspectOne(file, io);
      if ('error' in line) failed = true;
      io.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return failed ? EXIT.failure : EXIT.ok;
  },
};

async function inspectOne(file: string, io: CliIO): Promise<object> {
  try {
    return await inspectMail(await readMessage(file, io), file);
  } catch (err) {
    return { file, error: err instanceof Error ? err.message : String(err) };
  }
}
