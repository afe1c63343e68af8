/** Every `parley` sub-command. */
import type { CliCommand } from '../command.ts';
import { backupCommand } from './backup.ts';
import { mailInspectCommand } from './mail-inspect.ts';
import { mailboxScanCommand } from './mailbox-scan.ts';
import { mailgateCommand } from './mailgate.ts';
import { migrateCommand } from './migrate.ts';
import { serveCommand } from './serve.ts';
import { tenantCreateCommand, tenantListCommand } from './tenant.ts';
import { userCreateCommand, userListCommand, userSetPasswordCommand } from './user.ts';
import { workerCommand } from './worker.ts';

export const commands: readonly CliCommand[] = [
  serveCommand, workerCommand, migrateCommand,
  tenantCreateCommand, tenantListCommand,
  userCreateCommand, userListCommand, userSetPasswordCommand,
  backupCommand, mailInspectCommand, mailboxScanCommand, mailgateCommand,
];
