import { changeTenantDomains } from '../../domain/tenants/change-tenant-domains.ts';
import { createTenant } from '../../domain/tenants/create-tenant.ts';
import { listTenantDomains, listTenants } from '../../domain/tenants/tenants.repo.ts';
import { parseFlags, required } from '../args.ts';
import type { CliCommand } from '../command.ts';
import { withRuntime } from '../with-runtime.ts';

export const tenantCreateCommand: CliCommand = {
  name: 'tenant create',
  summary: 'Create a tenant',
  help: `Usage: parley tenant create --name NAME --slug SLUG [--language es] [--domain help.example.com]…

Creates a tenant with its first department (id 1), named in its language.
--domain (repeatable) lets requests to that host name select the tenant and, when the
server has more than one tenant, lets the tenant's admins use queue addresses under that
domain and its subdomains (see parley tenant domains).`,
  async run(args, io) {
    const { values } = parseFlags(args, { name: { type: 'string' }, slug: { type: 'string' }, language: { type: 'string' }, domain: { type: 'string', multiple: true } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    required(values, 'name', 'slug');
    return withRuntime(async (rt) => {
      const tenant = await createTenant(rt, { name: values.name!, slug: values.slug!, language: values.language, domains: values.domain });
      io.stdout.write(`Created tenant ${tenant.slug} (${tenant.id}).\n`);
      return 0;
    });
  },
};

export const tenantListCommand: CliCommand = {
  name: 'tenant list',
  summary: 'List tenants',
  help: 'Usage: parley tenant list [--json]',
  async run(args, io) {
    const { values } = parseFlags(args, { json: { type: 'boolean' } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    return withRuntime(async (rt) => {
      const tenants = await listTenants(rt.db);
      for (const t of tenants) {
        const domains = await listTenantDomains(rt.db, t.id);
        io.stdout.write(values.json
          ? `${JSON.stringify({ id: t.id, slug: t.slug, name: t.name, language: t.language, domains })}\n`
          : `${t.slug.padEnd(20)} ${t.name.padEnd(30)} ${t.language.padEnd(6)} ${domains.join(',')}\n`);
      }
      return 0;
    });
  },
};

export const tenantDomainsCommand: CliCommand = {
  name: 'tenant domains',
  summary: "Assign or remove a tenant's domains (host names and mail domains)",
  help: `Usage: parley tenant domains --slug SLUG [--add DOMAIN]... [--remove DOMAIN]...

Prints the tenant's domains after the change. A domain belongs to one tenant. Requests to
that host name select the tenant, and, on a server with more than one tenant, the
tenant's admins may give departments queue addresses only under the tenant's domains and
their subdomains: assigning a domain is how the operator vouches that the tenant owns it.
A single-tenant server does not restrict queue addresses. Removing a domain does not
remove queue addresses already under it.`,
  async run(args, io) {
    const { values } = parseFlags(args, { slug: { type: 'string' }, add: { type: 'string', multiple: true }, remove: { type: 'string', multiple: true } });
    if (values.help) { io.stdout.write(`${this.help}\n`); return 0; }
    required(values, 'slug');
    return withRuntime(async (rt) => {
      const { domains, warnings } = await changeTenantDomains(rt, values.slug!, { add: values.add, remove: values.remove });
      for (const w of warnings) io.stderr.write(`warning: ${w}\n`);
      io.stdout.write(domains.length ? `${domains.join('\n')}\n` : `Tenant ${values.slug} has no domains.\n`);
      return 0;
    });
  },
};
