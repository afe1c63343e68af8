/**
 * A Server-Sent Events client for tests: a real HTTP request whose body is read as it
 * arrives and parsed into frames (id, event, data, comments), as a browser would.
 */
export interface SseFrame { id?: string; event?: string; data?: string; comments: string[]; retry?: number }

export interface SseStream {
  status: number;
  headers: Headers;
  /** Every frame received so far. */
  frames: SseFrame[];
  /** The raw text (for error answers, the problem+json body). */
  text(): string;
  /** Waits for a frame matching `pred` (among those received or still to come). */
  waitFor(pred: (f: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const frames: SseFrame[] = [];
  let raw = '';
  let pending = '';
  const waiters = new Set<() => void>();
  const decoder = new TextDecoder();
  const ended = (async () => {
    const reader = res.body!.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const chunk = decoder.decode(value, { stream: true });
        raw += chunk;
        pending += chunk;
        let cut: number;
        while ((cut = pending.indexOf('\n\n')) >= 0) {
          frames.push(parseFrame(pending.slice(0, cut)));
          pending = pending.slice(cut + 2);
        }
        for (const w of waiters) w();
      }
    } catch { /* aborted */ }
    for (const w of waiters) w();
  })();
  let over = false;
  void ended.then(() => { over = true; });
  return {
    status: res.status, headers: res.headers, frames, text: () => raw, ended,
    close: () => abort.abort(),
    waitFor(pred, timeoutMs = 5000) {
      return new Promise<SseFrame>((resolve, reject) => {
        const check = () => {
          const f = frames.find(pred);
          if (f) { done(); resolve(f); } else if (over) { done(); reject(new Error(`the stream ended without the frame; got ${JSON.stringify(frames)}`)); }
        };
        const timer = setTimeout(() => { done(); reject(new Error(`no such frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`)); }, timeoutMs);
        const done = () => { clearTimeout(timer); waiters.delete(check); };
        waiters.add(check);
        check();
      });
    },
  };
}

function parseFrame(block: string): SseFrame {
  const f: SseFrame = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) { f.comments.push(line.slice(1).trim()); continue; }
    const i = line.indexOf(':');
    const [field, value] = i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1).replace(/^ /, '')];
    if (field === 'id') f.id = value;
    else if (field === 'event') f.event = value;
    else if (field === 'data') f.data = f.data === undefined ? value : `${f.data}\n${value}`;
    else if (field === 'retry') f.retry = Number(value);
  }
  return f;
}

/** The JSON of a frame's data: tests read whatever fields the event carries, so it is left untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const dataOf = (f: SseFrame): any => JSON.parse(f.data ?? 'null');
