/**
 * A stand-in Microsoft Graph mailbox on 127.0.0.1 and a random port, with the wire
 * format of Graph v1.0: OData pages (`value`, `@odata.nextLink` with a $skiptoken),
 * MIME from `/$value`, PATCH of `isRead`, `move` giving the message a new id, errors as
 * `{"error": {"code", "message"}}`, throttling as 429 with Retry-After, and `sendMail`
 * with a MIME body (base64, text/plain) answering 202. Bearer tokens are checked against
 * the OAuth stand-in.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { bearer, close, json, listen, readBody } from './oauth-server.ts';

export interface GraphMessage { id: string; folder: string; isRead: boolean; mime: Buffer }

export interface GraphServer {
  url: string;
  messages: GraphMessage[];
  /** Every request as "METHOD path?query". */
  requests: string[];
  /** The MIME of every mail sent through `sendMail`, decoded. */
  sent: Buffer[];
  /** Adds a message to a folder ('inbox' by default); returns its id. */
  add(mime: Buffer, folder?: string): string;
  /** The next `times` requests answer 429 with this Retry-After. */
  throttle(times: number, retryAfterSeconds: number): void;
  /** Fetching this message's MIME answers this status, until cleared. */
  failMime(id: string, status: number | null): void;
  close(): Promise<void>;
}

const WELL_KNOWN = new Set(['inbox', 'archive', 'deleteditems', 'drafts', 'sentitems', 'junkemail']);

export async function startGraphServer(o: { user: string; isValidToken: (token: string) => boolean }): Promise<GraphServer> {
  let throttled: { times: number; after: number } = { times: 0, after: 0 };
  const mimeFailures = new Map<string, number>();
  // Graph ids are long base64 strings with "=", "-" and "_": keep them awkward.
  const newId = () => `AAMkAD${randomBytes(24).toString('base64').replace(/\//g, '_').replace(/\+/g, '-')}=`;
  const s: GraphServer = {
    url: '', messages: [], requests: [], sent: [],
    add(mime, folder = 'inbox') {
      const id = newId();
      s.messages.push({ id, folder: folder.toLowerCase(), isRead: false, mime });
      return id;
    },
    throttle: (times, after) => { throttled = { times, after }; },
    failMime: (id, status) => { if (status === null) mimeFailures.delete(id); else mimeFailures.set(id, status); },
    close: () => close(server),
  };
  const graphError = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    json(res, status, { error: { code, message, innerError: { 'request-id': randomBytes(8).toString('hex'), date: new Date().toISOString() } } }, headers);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', s.url);
    s.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const token = bearer(req);
    if (!token || !o.isValidToken(token)) {
      return graphError(res, 401, 'InvalidAuthenticationToken', token ? 'Lifetime validation failed, the token is expired.' : 'Access token is empty.', { 'www-authenticate': 'Bearer realm=""' });
    }
    if (throttled.times > 0) {
      throttled.times--;
      return graphError(res, 429, 'TooManyRequests', 'Application is over its MailboxConcurrency limit.', { 'retry-after': String(throttled.after) });
    }
    const m = /^\/v1\.0\/users\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!m) return graphError(res, 400, 'BadRequest', `Resource not found for the segment '${url.pathname}'.`);
    if (decodeURIComponent(m[1]!).toLowerCase() !== o.user.toLowerCase()) return graphError(res, 404, 'ErrorInvalidUser', `The requested user '${decodeURIComponent(m[1]!)}' is invalid.`);
    const rest = m[2]!.split('/').map(decodeURIComponent);
    if (req.method === 'POST' && rest.length === 1 && rest[0] === 'sendMail') return sendMail(req, res);
    if (req.method === 'GET' && rest[0] === 'mailFolders' && rest[2] === 'messages' && rest.length === 3) return list(res, url, rest[1]!.toLowerCase());
    if (rest[0] !== 'messages' || !rest[1]) return graphError(res, 400, 'BadRequest', `Unsupported segment '${rest.join('/')}'.`);
    const msg = s.messages.find((x) => x.id === rest[1]);
    if (!msg) return graphError(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    if (req.method === 'GET' && rest[2] === '$value') {
      const failure = mimeFailures.get(msg.id);
      if (failure) return graphError(res, failure, 'ErrorInternalServerError', 'An internal server error occurred.');
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': msg.mime.length }).end(msg.mime);
      return;
    }
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { isRead?: boolean; destinationId?: string };
    if (req.method === 'PATCH' && rest.length === 2) {
      if (typeof body.isRead === 'boolean') msg.isRead = body.isRead;
      return json(res, 200, present(msg));
    }
    if (req.method === 'POST' && rest[2] === 'move') {
      if (!body.destinationId) return graphError(res, 400, 'ErrorInvalidRequest', 'destinationId is required.');
      msg.folder = body.destinationId.toLowerCase();
      msg.id = newId(); // Graph gives a moved message a new id.
      return json(res, 201, present(msg));
    }
    return graphError(res, 405, 'ErrorInvalidRequest', 'The OData request is not supported.');
  }

  // Graph takes MIME only as base64 in a text/plain body; it answers 202 with no body.
  async function sendMail(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!String(req.headers['content-type']).startsWith('text/plain')) return graphError(res, 400, 'ErrorInvalidRequest', 'This stand-in takes MIME (text/plain, base64) only.');
    const mime = Buffer.from((await readBody(req)).toString('ascii'), 'base64');
    if (!/^message-id:/im.test(mime.toString('utf8'))) return graphError(res, 400, 'ErrorMimeContentInvalidBase64String', 'Invalid base64 string for MIME content.');
    s.sent.push(mime);
    res.writeHead(202, { 'content-length': 0 }).end();
  }

  function list(res: ServerResponse, url: URL, folder: string): void {
    if (!WELL_KNOWN.has(folder) && !s.messages.some((x) => x.folder === folder)) {
      return graphError(res, 404, 'ErrorItemNotFound', 'The specified folder could not be found in the store.');
    }
    const filter = url.searchParams.get('$filter');
    if (filter !== null && filter !== 'isRead eq false') return graphError(res, 400, 'ErrorInvalidUrlQueryFilter', `Unsupported filter '${filter}'.`);
    const top = Math.min(Number(url.searchParams.get('$top') ?? 10), 1000);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    // Newest first, as Graph lists them.
    const matching = s.messages.filter((x) => x.folder === folder && (filter === null || !x.isRead)).reverse();
    const page = matching.slice(skip, skip + top);
    const next = new URL(url);
    next.searchParams.set('$skiptoken', String(skip + top));
    json(res, 200, {
      '@odata.context': `${s.url}/v1.0/$metadata#users('${o.user}')/mailFolders('${folder}')/messages(id)`,
      value: page.map((x) => ({ '@odata.etag': `W/"${x.id.slice(-8)}"`, id: x.id })),
      ...(skip + top < matching.length && { '@odata.nextLink': next.toString() }),
    });
  }

  const present = (x: GraphMessage) => ({ '@odata.context': `${s.url}/v1.0/$metadata#users('${o.user}')/messages/$entity`, id: x.id, isRead: x.isRead, parentFolderId: x.folder });
  const server = createServer((req, res) => { void handle(req, res).catch((err) => graphError(res, 500, 'InternalServerError', String(err))); });
  s.url = `http://127.0.0.1:${await listen(server)}`;
  return s;
}
