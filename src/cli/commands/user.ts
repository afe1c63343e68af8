import type { Role } from '../../db/schema.ts';
import { createUser } from '../../domain/users/create-user.ts';
import { setPassword } from '../../domain/users/set-password.ts';
import { updateUser } from '../../domain/users/update-user.ts';
import { findUserByEmail, listUsers } from '../../domain/users/users.repo.ts';
import { parseFlags, required } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { tenantIdOf, withRuntime } from '../with-runtime.ts';

const ROLES = ['admin', 'agent', 'customer'];

export const userCreateCommand: CliCommand = {
  name: 'user create',
  summary: 'Create an account',
  help: `Usage: parley user create --email E --password P --role admin|agent|customer [--tenant SLUG] [--name N]

Creates an account in the tenant (default: the default tenant).`,
  async run(args, io) {
    const { values } = parseFlags(args, { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, tenant: { type: 'string' }, name: { type: 'string' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    required(values, 'email', 'password', 'role');
    if (!ROLES.includes(values.role!)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    return withRuntime(async (rt) => {
      const tenantId = await tenantIdOf(rt, values.tenant);
      const user = await createUser(rt.systemCtx(tenantId, 'cli'), { email: values.email!, password: values.password!, role: values.role as Role, name: values.name });
      io.stdout.write(`Created ${user.role} ${user.email} (${user.id}).\n`);
      return 0;
    });
  },
};

export const userListCommand: CliCommand = {
  name: 'user list',
  summary: 'List accounts',
  help: 'Usage: parley user list [--tenant SLUG] [--role admin|agent|customer] [--json]',
  async run(args, io) {
    const { values } = parseFlags(args, { tenant: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    if (values.role && !ROLES.includes(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    return withRuntime(async (rt) => {
      const tenantId = await tenantIdOf(rt, values.tenant);
      let after: { name: string; id: string } | undefined;
      for (;;) {
        const page = await listUsers(rt.db, tenantId, { role: values.role as Role | undefined, after, limit: 500 });
        for (const u of page) {
          io.stdout.write(values.json
            ? `${JSON.stringify({ id: u.id, email: u.email, name: u.name, role: u.role, is_active: Boolean(u.is_active) })}\n`
            : `${u.role.padEnd(9)} ${u.email.padEnd(40)} ${u.name}${u.is_active ? '' : ' (inactive)'}\n`);
        }
        if (page.length < 500) return 0;
        after = { name: page[page.length - 1].name, id: page[page.length - 1].id };
      }
    });
  },
};

export const userSetPasswordCommand: CliCommand = {
  name: 'user set-password',
  summary: "Set an account's password",
  help: `Usage: parley user set-password --email E --password P [--tenant SLUG]

Sets the password and ends every session and token of the account.`,
  async run(args, io) {
    const { values } = parseFlags(args, { email: { type: 'string' }, password: { type: 'string' }, tenant: { type: 'string' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    required(values, 'email', 'password');
    return withRuntime(async (rt) => {
      const tenantId = await tenantIdOf(rt, values.tenant);
      const user = await findUserByEmail(rt.db, tenantId, values.email!);
      if (!user) { io.stderr.write(`parley: no account ${values.email} in this tenant\n`); return 1; }
      await setPassword(rt.systemCtx(tenantId, 'cli'), user.id, values.password!);
      io.stdout.write(`Password set for ${user.email}.\n`);
      return 0;
    });
  },
};

/** `user deactivate` and `user activate`: the same command as PATCH is_active, for operators. */
function activationCommand(active: boolean): CliCommand {
  const word = active ? 'activate' : 'deactivate';
  return {
    name: `user ${word}`,
    summary: active ? 'Let a deactivated account sign in again' : 'Deactivate an account and end its sessions and tokens for good',
    help: `Usage: parley user ${word} --email E [--tenant SLUG]

${active
    ? 'Lets the account sign in again. Nothing it had before deactivation comes back: it signs in anew.'
    : 'The account can no longer sign in; its web sessions, API sign-ins, API tokens and pending reset\nlinks end, and none of them come back if the account is activated again.'}`,
    async run(args, io) {
      const { values } = parseFlags(args, { email: { type: 'string' }, tenant: { type: 'string' } });
      if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
      required(values, 'email');
      return withRuntime(async (rt) => {
        const tenantId = await tenantIdOf(rt, values.tenant);
        const user = await findUserByEmail(rt.db, tenantId, values.email!);
        if (!user) { io.stderr.write(`parley: no account ${values.email} in this tenant\n`); return 1; }
        await updateUser(rt.systemCtx(tenantId, 'cli'), user.id, { isActive: active });
        io.stdout.write(`${active ? 'Activated' : 'Deactivated'} ${user.email}.\n`);
        return 0;
      });
    },
  };
}

export const userDeactivateCommand = activationCommand(false);
export const userActivateCommand = activationCommand(true);
