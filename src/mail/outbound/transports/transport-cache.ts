/**
 * The transports built from tenant and department settings, kept open (pooled SMTP
 * connections) between mails. Each is keyed by its scope and the settings' version: a
 * changed setting (in this process or another) gets a new transport and the old one is
 * closed; so is one whose setting was removed, and all of them on shutdown.
 */
import type { MailTransport } from '../transport.ts';

interface Entry { version: string; transport: MailTransport }

export class TransportCache {
  private readonly entries = new Map<string, Entry>();

  /** The transport of `scope` at `version`, made by `make` the first time (closing an older version's). */
  get(scope: string, version: string, make: () => MailTransport): MailTransport {
    const entry = this.entries.get(scope);
    if (entry?.version === version) return entry.transport;
    entry?.transport.close?.();
    const transport = make();
    this.entries.set(scope, { version, transport });
    return transport;
  }

  /** Closes and forgets the transports of these scopes (a setting changed or was removed). */
  forget(...scopes: string[]): void {
    for (const scope of scopes) {
      this.entries.get(scope)?.transport.close?.();
      this.entries.delete(scope);
    }
  }

  /** How many transports are open (for tests and diagnostics). */
  get size(): number { return this.entries.size; }

  closeAll(): void {
    for (const entry of this.entries.values()) entry.transport.close?.();
    this.entries.clear();
  }
}

/** The cache key of a tenant's (department 0) or a department's settings. */
export const transportScope = (tenantId: string, departmentId: number): string => `${tenantId}:${departmentId}`;
