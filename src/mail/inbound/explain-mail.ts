/**
 * `parley mail inspect --explain`: what the pipeline would decide about a message file,
 * step by step, without keeping anything. The message runs through the very same steps
 * as received mail, inside one transaction that is always rolled back; the steps write
 * no attachment files and wait for no parent message in a dry run.
 */
import { createHash } from 'node:crypto';
import { newId, nowIso } from '../../domain/shared/clock.ts';
import { systemCtx, type Services } from '../../domain/shared/context.ts';
import { inTransaction } from '../../domain/shared/transaction.ts';
import { contentDigest } from './content-digest.ts';
import { findInbound, insertInbound } from './inbound.repo.ts';
import { peekHeaders } from './peek-headers.ts';
import { runPipeline } from './pipeline.ts';
import { newTrace, note, type Trace } from './trace.ts';

export interface ExplainOptions {
  /** As if fetched from this mailbox (its department takes mail for no queue address). */
  mailboxId?: string | null;
  /** As if the SMTP envelope named these recipients. */
  recipients?: string[];
}

/** Thrown to roll the dry run back once the trace is complete. */
class RollBack extends Error {}

/** Runs the pipeline over `raw` for a tenant and returns its trace; nothing is stored. */
export async function explainMail(services: Services, tenantId: string, raw: Buffer, opts: ExplainOptions = {}): Promise<Trace> {
  const trace = newTrace(true);
  const ctx = systemCtx(services, tenantId, 'mail');
  try {
    await inTransaction(ctx, async (tx) => {
      const peek = peekHeaders(raw);
      const id = newId();
      const digest = peek.messageId ? null : await contentDigest(raw);
      await insertInbound(tx.db, {
        id, tenant_id: tenantId, mailbox_key: `explain:${id}`, mailbox_id: opts.mailboxId ?? null, source: 'api', source_ref: null,
        dedupe_key: peek.messageId ? `mid:${peek.messageId.toLowerCase()}` : `sha256:${createHash('sha256').update(raw).digest('hex')}`,
        envelope: opts.recipients?.length ? JSON.stringify({ mailFrom: null, recipients: opts.recipients }) : null,
        size: raw.length, status: 'received', reason: null, ticket_id: null, message_id: null,
        subject: peek.subject, from_address: peek.from, received_at: nowIso(), processed_at: null, content_digest: digest,
      }, raw);
      await runPipeline(tx, (await findInbound(tx.db, tenantId, id))!, raw, { trace, dryRun: true });
      throw new RollBack();
    });
  } catch (err) {
    if (!(err instanceof RollBack)) note(trace, 'outcome', 'error', `processing would fail: ${err instanceof Error ? err.message : String(err)}`);
  }
  return trace;
}
