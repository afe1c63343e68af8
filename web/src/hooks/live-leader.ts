/**
 * One live stream per browser, whatever the number of tabs (docs/live-updates.md, "Many
 * tabs, one connection"). The tabs of one person elect a leader with the Web Locks API:
 * every tab asks for the lock `parley-live:<user id>`, the browser grants it to one, and
 * when that tab closes (or signs out) it grants it to the next. The leader holds the one
 * `EventSource` and passes every frame to the others on a `BroadcastChannel` of the same
 * name; every tab, leader included, hands each frame to `onFrame`. A new leader opens the
 * stream with `?last_event_id=` of the last frame any tab saw, so the server replays what
 * arrived between the old leader closing and the new one connecting.
 *
 * Without Web Locks (a page served over plain HTTP to a name other than localhost is not a
 * secure context), every tab holds its own stream, as before.
 */

export interface LiveFrame {
  /** The event id (`id:` of the frame); null when the frame had none. */
  id: string | null;
  /** The event name (`event:`): a catalog name, `ready` or `reset`. */
  event: string;
  /** The JSON text (`data:`). */
  data: string;
}

export interface LiveLinkOptions {
  /** The stream's address (without a query string). */
  url: string;
  /** The lock's and channel's name: one per person, so another account never reads these frames. */
  name: string;
  /** The event names to listen for (an EventSource delivers named events only to their listeners). */
  events: readonly string[];
  onFrame(frame: LiveFrame): void;
  /** Called with true when this tab starts holding the stream, false when it stops. */
  onLeading?(leading: boolean): void;
}

interface ChannelMessage { type: 'frame'; frame: LiveFrame }

const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 60_000;

/** Joins the tabs of one person; the returned function leaves (and hands the stream over if this tab held it). */
export function startLiveLink(options: LiveLinkOptions): () => void {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(options.name);
  let lastId: string | null = null;
  let stopped = false;
  const stop = new AbortController();

  const seen = (frame: LiveFrame) => {
    if (frame.id !== null && (lastId === null || Number(frame.id) > Number(lastId))) lastId = frame.id;
    options.onFrame(frame);
  };
  channel?.addEventListener('message', (e: MessageEvent<ChannelMessage>) => {
    if (e.data?.type === 'frame') seen(e.data.frame);
  });

  /** Holds the stream until the tab leaves; reopens it (resuming) when the server refused or dropped it for good. */
  const lead = () => new Promise<void>((release) => {
    if (stopped) return release();
    options.onLeading?.(true);
    let source: EventSource | null = null;
    let retryMs = RETRY_FIRST_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      source = new EventSource(lastId === null ? options.url : `${options.url}?last_event_id=${encodeURIComponent(lastId)}`, { withCredentials: true });
      for (const event of options.events) {
        source.addEventListener(event, (e) => {
          const m = e as MessageEvent<string>;
          const frame: LiveFrame = { id: m.lastEventId || null, event, data: m.data };
          if (event === 'ready') retryMs = RETRY_FIRST_MS;
          seen(frame);
          channel?.postMessage({ type: 'frame', frame } satisfies ChannelMessage);
        });
      }
      // The EventSource reconnects by itself after a network error; after a refusal (401, 429, 503) it gives up: try again later.
      source.addEventListener('error', () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        timer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      });
    };
    open();
    stop.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      source?.close();
      options.onLeading?.(false);
      release();
    }, { once: true });
  });

  if (typeof navigator !== 'undefined' && navigator.locks) {
    navigator.locks.request(options.name, { signal: stop.signal }, lead).catch(() => { /* aborted while waiting: this tab left before leading */ });
  } else {
    void lead();
  }

  return () => {
    stopped = true;
    stop.abort();
    channel?.close();
  };
}
