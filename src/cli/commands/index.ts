/** Every `parley` sub-command. */
import type { CliCommand } from '../command.ts';
import { backupCommand } from './backup.ts';
import { mailExplainCommand } from './mail-explain.ts';
import { mailInspectCommand } from './mail-inspect.ts';
import { mailSendDueCommand } from './mail-send-due.ts';
import { mailboxScanCommand } from './mailbox-scan.ts';
import { mailgateCommand } from './mailgate.ts';
import { migrateCommand } from './migrate.ts';
import { restoreCommand } from './restore.ts';
import { serveCommand } from './serve.ts';
import { tenantCreateCommand, tenantDomainsCommand, tenantListCommand } from './tenant.ts';
import { ticketsPruneCommand } from './tickets-prune.ts';
import { userActivateCommand, userCreateCommand, userDeactivateCommand, userListCommand, userSetPasswordCommand } from './user.ts';
import { workerCommand } from './worker.ts';

export const commands: readonly CliCommand[] = [
  serveCommand, workerCommand, migrateCommand,
  tenantCreateCommand, tenantListCommand, tenantDomainsCommand,
  userCreateCommand, userListCommand, userSetPasswordCommand, userDeactivateCommand, userActivateCommand,
  backupCommand, restoreCommand, mailInspectCommand, mailExplainCommand, mailSendDueCommand, mailboxScanCommand, mailgateCommand,
  ticketsPruneCommand,
];
