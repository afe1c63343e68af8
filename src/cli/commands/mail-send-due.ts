import { sendDueMail } from '../../mail/outbound/send-due-mail.ts';
import { parseFlags } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { withRuntime } from '../with-runtime.ts';

/** Sends the outgoing mail whose time has come, for installs that run no worker (cron). */
export const mailSendDueCommand: CliCommand = {
  name: 'mail send-due',
  summary: 'Send the outgoing mail that is due now (for cron, when no worker runs)',
  help: `Usage: parley mail send-due

Delivers every queued outgoing mail whose time has come (scheduled mail included, and
mail waiting out a retry pause), through SMTP_URL, then runs any other background job
that is due. Safe next to running workers: a mail is never sent twice. Prints a JSON
summary; exits 1 when any of the due mail failed for good, 75 (try again later) when
some still waits (SMTP down, no SMTP_URL), else 0. Example crontab line:

  * * * * *  parley mail send-due`,
  async run(args, io) {
    const { values } = parseFlags(args, {});
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    return withRuntime(async (rt) => {
      const summary = await sendDueMail(rt);
      io.stdout.write(`${JSON.stringify(summary)}\n`);
      return summary.failed > 0 ? 1 : summary.queued > 0 ? 75 : 0;
    });
  },
};
