/**
 * The decision trace of one inbound message: each pipeline step appends what it decided
 * (a closed code per step) and why, in a sentence an operator can read. It is stored
 * with the message, so "why did this land on TK-42?" and "why was this not a ticket?"
 * are answered without reading code. Bounded, and never holds message text beyond a
 * short excerpt (a marker line, a subject).
 */

/** The codes each step may record: a closed set per step, so readers (and the OpenAPI schema) can rely on them. */
export const TRACE_DECISIONS = {
  parse: ['headers-shortened'],
  dedupe: ['unique', 'duplicate-message-id', 'duplicate-content'],
  'detect-loop': ['not-ours', 'loop-x-loop', 'loop-message-id'],
  classify: ['accepted-by-admin', 'person', 'automatic', 'bulk-but-person', 'bounce', 'forward'],
  'handle-bounce': ['own-mail-bounced', 'note-on-ticket', 'no-ticket'],
  route: ['queue-address', 'mailbox-department', 'automatic-without-queue', 'no-queue-address'],
  'identify-sender': ['no-from', 'original-sender', 'found', 'deactivated', 'unknown-automatic', 'unknown-refused', 'created',
    'organisation-by-domain', 'organisation-none', 'organisation-member'],
  thread: ['in-reply-to', 'references', 'headers-unknown', 'subject-token', 'subject-token-refused', 'subject-token-unknown', 'no-ticket'],
  'handle-auto-reply': ['note-on-ticket', 'ignored-no-ticket', 'ignored-subject-only'],
  'closed-ticket-policy': ['reopen', 'new-ticket-instead'],
  'strip-quoted': ['full-text', 'forwarded-text', 'history-stripped', 'nothing-stripped'],
  'confirm-resolution': ['confirms', 'reply'],
  'email-commands': ['not-staff', 'default-time', 'refused-dmarc', 'refused-syntax', 'refused-values', 'applied', 'refused-by-rules'],
  'mask-addresses': ['masked'],
  attachments: ['machine-mail-parts-dropped', 'saved', 'refused-type', 'refused-size'],
  persist: ['ticket-created', 'reply-appended', 'note-appended', 'already-processed'],
  outcome: ['processed', 'dropped', 'rejected', 'ignored', 'quarantined', 'error'],
} as const;

export type TraceDecisions = { [S in keyof typeof TRACE_DECISIONS]: (typeof TRACE_DECISIONS)[S][number] };
export const TRACE_STEPS = Object.keys(TRACE_DECISIONS) as TraceStep[];

export type TraceStep = keyof TraceDecisions;

/** One decision: the step, its code, and a sentence with the evidence. */
export type TraceEntry = { [S in TraceStep]: { step: S; decision: TraceDecisions[S]; detail: string } }[TraceStep];

/** The entries of one run, in order, with how many were left out to keep it bounded. */
export interface Trace { entries: TraceEntry[]; omitted: number; dryRun?: boolean }

export const MAX_ENTRIES = 60;
export const MAX_DETAIL = 300;
/** Excerpts of the mail (a marker line, a subject) are cut this short: the trace is no copy of the message. */
export const MAX_EXCERPT = 80;

/** A fresh, empty trace. */
export const newTrace = (dryRun = false): Trace => ({ entries: [], omitted: 0, ...(dryRun ? { dryRun } : {}) });

/** Records a decision; past MAX_ENTRIES only the count grows, but what persist did and the outcome are always kept. */
export function note<S extends TraceStep>(trace: Trace, step: S, decision: TraceDecisions[S], detail: string): void {
  const entry = { step, decision, detail: clip(detail, MAX_DETAIL) } as TraceEntry;
  const room = step === 'persist' || step === 'outcome' ? MAX_ENTRIES : MAX_ENTRIES - 2;
  if (trace.entries.length < room) trace.entries.push(entry);
  else trace.omitted++;
}

/** A short excerpt of mail text, on one line, in quotes. */
export const excerpt = (text: string): string => `"${clip(text.replace(/\s+/g, ' ').trim(), MAX_EXCERPT)}"`;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The trace as stored on inbound_messages.trace. */
export const serializeTrace = (trace: Trace): string => JSON.stringify(trace);

/** A stored trace, or null for a message processed before traces existed (or still waiting). */
export function parseTrace(stored: string | null): Trace | null {
  if (!stored) return null;
  try {
    const t = JSON.parse(stored) as Trace;
    return Array.isArray(t.entries) ? t : null;
  } catch {
    return null;
  }
}

/** The trace as lines for a terminal: "step  decision  detail". */
export function formatTrace(trace: Trace): string[] {
  const width = Math.max(...trace.entries.map((e) => e.step.length), 4);
  const lines = trace.entries.map((e) => `${e.step.padEnd(width)}  ${e.decision}: ${e.detail}`);
  if (trace.omitted) lines.push(`(${trace.omitted} more decisions were left out)`);
  return lines;
}
