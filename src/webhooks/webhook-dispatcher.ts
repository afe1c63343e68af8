/**
 * Sends webhook messages from the outbox (webhook_deliveries), beside the job worker and
 * not in it: a receiver that answers slowly or not at all must never hold up mail or other
 * receivers. Up to `maxInFlight` messages are on their way at once, at most `perWebhook` of
 * them to one webhook, so a dead endpoint ties up two slots, not the lane. Each message is
 * claimed with a lease first, so several instances share the outbox and none sends a
 * message twice at once (a crash mid-send means one more attempt after the lease: at least
 * once). It looks when woken (a commit queued messages) and every `pollMs` (retries come due).
 */
import { randomUUID } from 'node:crypto';
import { attemptDelivery } from '../domain/webhooks/attempt-delivery.ts';
import { claimDelivery, listDueDeliveries } from '../domain/webhooks/webhooks.repo.ts';
import type { Services } from '../domain/shared/context.ts';
import type { SecretBox } from '../domain/shared/secret-box.ts';

type Log = (level: 'info' | 'warn' | 'error', msg: string, data?: Record<string, unknown>) => void;

export interface DispatcherOptions {
  services: Services;
  secrets: SecretBox;
  baseUrl: string;
  log?: Log;
  pollMs?: number;
  maxInFlight?: number;
  perWebhook?: number;
  /** The deadline of one request, redirects included. */
  timeoutMs?: number;
  retryDelays?: readonly number[];
}

export class WebhookDispatcher {
  readonly id = `webhooks-${randomUUID()}`;
  private readonly inFlight = new Map<string, { webhookId: string; done: Promise<void> }>();
  private readonly perWebhook = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private looking: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(private readonly o: DispatcherOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Looks for due messages now (a commit queued some, or a slot came free). */
  wake(): void {
    if (this.stopped) return;
    if (this.looking) { this.again = true; return; }
    clearTimeout(this.timer);
    this.looking = this.look()
      .catch((err: unknown) => this.o.log?.('error', 'webhook dispatcher round failed', { err: String(err) }))
      .finally(() => {
        this.looking = undefined;
        if (this.stopped) return;
        if (this.again) { this.again = false; this.wake(); return; }
        this.timer = setTimeout(() => this.wake(), this.o.pollMs ?? 1000);
      });
  }

  /** Stops looking and waits for the messages on their way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.looking;
    await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  /**
   * Sends everything due now and waits for the answers, round after round, until nothing
   * due is left (tests and the CLI; a running dispatcher does this by itself).
   */
  async drain(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      await this.look(true);
      if (this.inFlight.size === 0) return;
      await Promise.all([...this.inFlight.values()].map((f) => f.done));
    }
  }

  /** One round: claims what fits in the free slots and sends it (without waiting for the answers). */
  private async look(evenIfStopped = false): Promise<void> {
    const max = this.o.maxInFlight ?? 8;
    const perWebhook = this.o.perWebhook ?? 2;
    if (this.inFlight.size >= max) return;
    const now = new Date();
    const due = await listDueDeliveries(this.o.services.db, now.toISOString(), max * 4);
    const leaseUntil = new Date(now.getTime() + 2 * (this.o.timeoutMs ?? 10_000) + 30_000).toISOString();
    for (const d of due) {
      if (this.inFlight.size >= max || (this.stopped && !evenIfStopped)) break;
      if (this.inFlight.has(d.id) || (this.perWebhook.get(d.webhook_id) ?? 0) >= perWebhook) continue;
      if (!(await claimDelivery(this.o.services.db, d.tenant_id, d.id, this.id, now.toISOString(), leaseUntil))) continue;
      this.launch(d.tenant_id, d.id, d.webhook_id);
    }
  }

  private launch(tenantId: string, id: string, webhookId: string): void {
    this.perWebhook.set(webhookId, (this.perWebhook.get(webhookId) ?? 0) + 1);
    const done = attemptDelivery(this.o.services, tenantId, id, {
      secrets: this.o.secrets, baseUrl: this.o.baseUrl, timeoutMs: this.o.timeoutMs ?? 10_000, retryDelays: this.o.retryDelays,
    })
      .then((outcome) => {
        if (outcome.kind === 'failed') this.o.log?.('warn', 'webhook message failed for good; the webhook is turned off', { tenantId, delivery: id, webhook: webhookId });
      })
      .catch((err: unknown) => this.o.log?.('error', 'webhook attempt failed', { tenantId, delivery: id, err: String(err) }))
      .finally(() => {
        this.inFlight.delete(id);
        const left = (this.perWebhook.get(webhookId) ?? 1) - 1;
        if (left > 0) this.perWebhook.set(webhookId, left);
        else this.perWebhook.delete(webhookId);
        if (!this.stopped) this.wake();
      });
    this.inFlight.set(id, { webhookId, done });
  }
}
