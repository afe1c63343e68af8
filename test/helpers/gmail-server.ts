/**
 * A stand-in Gmail API mailbox on 127.0.0.1 and a random port, with the wire format of
 * gmail/v1: `messages.list` (q with is:unread, in:inbox, label:X; pages by pageToken),
 * `messages.get?format=raw` (base64url `raw`), `messages.modify` (label ids),
 * `messages.send` (base64url `raw`, kept in `sent`), and Google's error shape `{"error": {"code", "message", "errors", "status"}}`. Bearer
 * tokens are checked against the OAuth stand-in.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { bearer, close, json, listen, readBody } from './oauth-server.ts';

export interface GmailMessage { id: string; threadId: string; labelIds: string[]; mime: Buffer }

export interface GmailServer {
  url: string;
  messages: GmailMessage[];
  /** Every request as "METHOD path?query". */
  requests: string[];
  /** The MIME of every mail sent through `messages.send`, decoded. */
  sent: Buffer[];
  /** Adds an unread message with these labels (INBOX by default); returns its id. */
  add(mime: Buffer, labels?: string[]): string;
  /** Fetching this message answers this status, until cleared. */
  failGet(id: string, status: number | null): void;
  close(): Promise<void>;
}

const STATUS: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL' };

export async function startGmailServer(o: { isValidToken: (token: string) => boolean }): Promise<GmailServer> {
  const failures = new Map<string, number>();
  const s: GmailServer = {
    url: '', messages: [], requests: [], sent: [],
    add(mime, labels = ['INBOX']) {
      const id = randomBytes(8).toString('hex');
      s.messages.push({ id, threadId: id, labelIds: ['UNREAD', ...labels], mime });
      return id;
    },
    failGet: (id, status) => { if (status === null) failures.delete(id); else failures.set(id, status); },
    close: () => close(server),
  };
  const gError = (res: ServerResponse, code: number, message: string, reason: string) =>
    json(res, code, { error: { code, message, errors: [{ message, domain: 'global', reason }], status: STATUS[code] ?? 'UNKNOWN' } });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', s.url);
    s.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const token = bearer(req);
    if (!token || !o.isValidToken(token)) return gError(res, 401, 'Request had invalid authentication credentials.', 'authError');
    const m = /^\/gmail\/v1\/users\/me\/messages(?:\/([^/]+)(\/modify)?)?$/.exec(url.pathname);
    if (!m) return gError(res, 404, `Not found: ${url.pathname}`, 'notFound');
    if (!m[1] && req.method === 'GET') return list(res, url);
    if (m[1] === 'send' && !m[2] && req.method === 'POST') return send(req, res);
    const msg = s.messages.find((x) => x.id === decodeURIComponent(m[1] ?? ''));
    if (!msg) return gError(res, 404, 'Requested entity was not found.', 'notFound');
    if (req.method === 'GET' && !m[2]) {
      const failure = failures.get(msg.id);
      if (failure) return gError(res, failure, 'Backend Error', 'backendError');
      if (url.searchParams.get('format') !== 'raw') return gError(res, 400, 'only format=raw is served here', 'invalidArgument');
      return json(res, 200, {
        id: msg.id, threadId: msg.threadId, labelIds: msg.labelIds, snippet: '', sizeEstimate: msg.mime.length,
        historyId: '1234', internalDate: String(Date.now()), raw: msg.mime.toString('base64url'),
      });
    }
    if (req.method === 'POST' && m[2]) {
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { addLabelIds?: string[]; removeLabelIds?: string[] };
      msg.labelIds = [...new Set([...msg.labelIds.filter((l) => !body.removeLabelIds?.includes(l)), ...(body.addLabelIds ?? [])])];
      return json(res, 200, { id: msg.id, threadId: msg.threadId, labelIds: msg.labelIds });
    }
    return gError(res, 400, 'Unsupported request.', 'invalidArgument');
  }

  async function send(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { raw?: string };
    if (typeof body.raw !== 'string' || !body.raw) return gError(res, 400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required", 'invalidArgument');
    if (/[+/=]/.test(body.raw)) return gError(res, 400, 'Invalid value for ByteString: raw must be base64url', 'invalidArgument');
    const mime = Buffer.from(body.raw, 'base64url');
    s.sent.push(mime);
    const id = randomBytes(8).toString('hex');
    return json(res, 200, { id, threadId: id, labelIds: ['SENT'] });
  }

  function list(res: ServerResponse, url: URL): void {
    const terms = (url.searchParams.get('q') ?? '').match(/\S+:"[^"]*"|\S+/g) ?? [];
    const wanted = terms.map((t) => {
      const [key, value = ''] = t.split(/:(.*)/s);
      const v = value.replace(/^"|"$/g, '');
      if (key === 'is' && v === 'unread') return 'UNREAD';
      if (key === 'in' || key === 'label') return v.toUpperCase() === 'INBOX' ? 'INBOX' : v;
      return null;
    });
    if (wanted.includes(null)) return gError(res, 400, 'Invalid query.', 'invalidArgument');
    const max = Math.min(Number(url.searchParams.get('maxResults') ?? 100), 500);
    const start = Number(url.searchParams.get('pageToken') ?? 0);
    const matching = s.messages.filter((x) => wanted.every((l) => x.labelIds.includes(l!))).reverse(); // newest first
    const page = matching.slice(start, start + max);
    json(res, 200, {
      ...(page.length > 0 && { messages: page.map((x) => ({ id: x.id, threadId: x.threadId })) }),
      ...(start + max < matching.length && { nextPageToken: String(start + max) }),
      resultSizeEstimate: matching.length,
    });
  }

  const server = createServer((req, res) => { void handle(req, res).catch((err) => gError(res, 500, String(err), 'backendError')); });
  s.url = `http://127.0.0.1:${await listen(server)}`;
  return s;
}
