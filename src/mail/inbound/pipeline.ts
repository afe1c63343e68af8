/**
 * The inbound pipeline: an ordered list of small steps over one typed state. Each
 * step may stop the message with a recorded outcome; the last one stores it. Every
 * step notes its decisions on the state's trace, which is stored with the outcome.
 */
import { getSettings } from '../../domain/settings/get-settings.ts';
import type { Ctx } from '../../domain/shared/context.ts';
import type { InboundRow } from './inbound.repo.ts';
import { parseMail } from './parse/parse-mail.ts';
import type { PipelineState, Step, StepResult } from './pipeline-state.ts';
import { saveAttachments } from './steps/attachments.ts';
import { classify } from './steps/classify.ts';
import { closedTicketPolicy } from './steps/closed-ticket-policy.ts';
import { confirmResolution } from './steps/confirm-resolution.ts';
import { dedupe } from './steps/dedupe.ts';
import { detectLoop } from './steps/detect-loop.ts';
import { emailCommands } from './steps/email-commands.ts';
import { handleAutoReply } from './steps/handle-auto-reply.ts';
import { handleBounce } from './steps/handle-bounce.ts';
import { identifySender } from './steps/identify-sender.ts';
import { maskBodyAddresses } from './steps/mask-addresses.ts';
import { persist } from './steps/persist.ts';
import { route } from './steps/route.ts';
import { stripQuoted } from './steps/strip-quoted.ts';
import { thread } from './steps/thread.ts';
import { newTrace, note, type Trace, type TraceStep } from './trace.ts';

export const STEPS: ReadonlyArray<readonly [TraceStep, Step]> = [
  ['dedupe', dedupe],
  ['detect-loop', detectLoop],
  ['classify', classify],
  ['handle-bounce', handleBounce],
  ['route', route],
  ['identify-sender', identifySender],
  ['thread', thread],
  ['handle-auto-reply', handleAutoReply],
  ['closed-ticket-policy', closedTicketPolicy],
  ['strip-quoted', stripQuoted],
  ['confirm-resolution', confirmResolution],
  ['email-commands', emailCommands],
  ['mask-addresses', maskBodyAddresses],
  ['attachments', saveAttachments],
  ['persist', persist],
];

export interface RunOptions {
  /** Where the decisions go; the caller keeps it to store it, also when a step throws. */
  trace?: Trace;
  dryRun?: boolean;
}

/**
 * Runs every step over a stored message; resolves to the outcome of the first step that
 * stopped, or continue. A stop is noted on the trace as its outcome; persist notes its own.
 */
export async function runPipeline(ctx: Ctx, inbound: InboundRow, raw: Buffer, opts: RunOptions = {}): Promise<StepResult & { step?: string }> {
  const state: PipelineState = {
    ctx, inbound,
    envelope: inbound.envelope ? JSON.parse(inbound.envelope) : null,
    mail: await parseMail(raw),
    settings: await getSettings(ctx.db, ctx.tenantId),
    autoReply: false, autoVerdict: null, bounce: null, forwarded: null,
    queueAddresses: [], ticket: null, threadedBy: null, reopen: false,
    body: '', bodyHtml: null, quoted: null,
    commands: null, timeUsed: null, commandNotes: [],
    attachments: [], refusedAttachments: [], asNote: null,
    trace: opts.trace ?? newTrace(opts.dryRun), dryRun: !!opts.dryRun,
  };
  if (state.mail.cutHeaders?.length) note(state.trace, 'parse', 'headers-shortened', `oversized header lines were shortened: ${state.mail.cutHeaders.slice(0, 3).join('; ')}`);
  for (const [name, step] of STEPS) {
    const result = await step(state);
    if (result.kind === 'continue') continue;
    const status = result.kind === 'quarantine' ? 'quarantined' : result.status;
    note(state.trace, 'outcome', status, `${status} by ${name}: ${result.reason}`);
    return { ...result, step: name };
  }
  return { kind: 'continue' };
}
