/**
 * Reads a multipart request: text fields into an object, every file part checked and
 * staged in a temporary file. Nothing reaches the attachment store here: a refused part
 * (415 by type or content, 413 by size, 400 for a malformed body) fails the whole request
 * and every file staged for it is deleted; the route moves the files into the store
 * (withStoredUploads) only once the request is accepted.
 */
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertMimeAllowed, cleanFilename, isMimeAllowed } from '../domain/attachments/attachment-policy.ts';
import { effectiveMimeType } from '../domain/attachments/mime-types.ts';
import { resolveContentType } from '../domain/attachments/sniff-content-type.ts';
import type { StagedUpload } from '../domain/attachments/store-uploads.ts';
import { DomainError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../domain/shared/errors.ts';
import { ILL_FORMED_MESSAGE, isWellFormedText } from '../domain/shared/well-formed-text.ts';
import type { TenantSettings } from '../domain/settings/registry.ts';
import type { Runtime } from '../runtime.ts';

declare module 'fastify' {
  interface FastifyRequest { stagedUploads: StagedUpload[] | null }
}

export interface MultipartBody { fields: Record<string, string | string[]>; files: StagedUpload[] }

export async function readMultipart(rt: Runtime, request: FastifyRequest, reply: FastifyReply, settings: TenantSettings, fileField = 'attachments'): Promise<MultipartBody> {
  const fields: Record<string, string | string[]> = {};
  const files: StagedUpload[] = [];
  request.stagedUploads = files;
  const maxRequest = rt.config.maxBodyBytes;
  const maxFile = Math.min(settings.max_file_size, maxRequest);
  let total = 0;
  const countBytes = (n: number) => {
    total += n;
    if (total > maxRequest) throw new PayloadTooLargeError(`The request is larger than the ${maxRequest} bytes allowed.`);
  };
  try {
    if (!/;\s*boundary=("[^"]+"|[^\s;"]+)/i.test(request.headers['content-type'] ?? '')) {
      throw new DomainError('The multipart body has no boundary in its Content-Type.', 400, 'bad-request');
    }
    if (Number(request.headers['content-length']) > maxRequest) countBytes(Number(request.headers['content-length']));
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const value = String(part.value);
        if (!isWellFormedText(value)) throw ValidationError.field(part.fieldname, ILL_FORMED_MESSAGE);
        const prev = fields[part.fieldname];
        fields[part.fieldname] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
        continue;
      }
      if (part.fieldname !== fileField && part.fieldname !== `${fileField}[]`) {
        part.file.resume();
        continue;
      }
      const filename = cleanFilename(part.filename);
      const declared = effectiveMimeType(filename, part.mimetype);
      assertMimeAllowed(settings, filename, declared);
      const blob = await rt.attachments.stage(part.file, maxFile, countBytes);
      files.push({ blob, filename, contentType: declared });
      if (part.file.truncated) throw new PayloadTooLargeError(`"${filename}" is larger than the ${maxFile} bytes allowed.`);
      const { contentType, mismatch } = resolveContentType(declared, blob.head);
      if (!isMimeAllowed(settings, contentType)) {
        throw new UnsupportedMediaTypeError(mismatch
          ? `"${filename}" is not the ${declared} file it claims to be, so this helpdesk does not accept it.`
          : `"${filename}" is of type ${contentType}, which this helpdesk does not accept.`);
      }
      files[files.length - 1].contentType = contentType;
    }
  } catch (err) {
    await discardStagedUploads(request);
    // Past the cap the rest is not read: the answer then closes the connection.
    if (!(await drainRequest(request.raw, 2 * maxRequest, rt.config.deadlineMs))) reply.header('Connection', 'close');
    throw asClientError(err);
  }
  return { fields, files };
}

/** Deletes the temporary files of a request's uploads that were not moved into the store. */
export async function discardStagedUploads(request: FastifyRequest): Promise<void> {
  const staged = request.stagedUploads;
  if (!staged?.length) return;
  request.stagedUploads = null;
  await Promise.all(staged.map((u) => rm(u.blob.tmpPath, { force: true })));
}

/** After every request, answered or abandoned, no staged file of it is left behind. */
export function registerStagedUploadCleanup(app: FastifyInstance): void {
  app.decorateRequest('stagedUploads', null);
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.once('close', () => { void discardStagedUploads(request); });
  });
  app.addHook('onResponse', async (request) => discardStagedUploads(request));
}

/**
 * Reads and drops the rest of a refused request body before the refusal is sent, so the
 * client, still sending, receives its 413/415 instead of a reset connection, and the
 * keep-alive connection is left clean for its next request. Resolves false when the
 * body was not read to its end (over `cap` bytes, or `waitMs` passed): the connection
 * must then close after the answer, since unread bytes are still on it.
 */
function drainRequest(raw: IncomingMessage, cap: number, waitMs: number): Promise<boolean> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return Promise.resolve(!raw.destroyed || raw.complete);
  raw.unpipe();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (read: boolean) => { clearTimeout(timer); resolve(read); };
    const timer = setTimeout(() => finish(false), waitMs);
    raw.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > cap) finish(false);
    });
    raw.once('end', () => finish(true));
    raw.once('close', () => finish(raw.complete));
    raw.resume();
  });
}

/** Busboy and @fastify/multipart errors are the client's: a malformed body is a 400, never a 500. */
function asClientError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  const e = err as { statusCode?: number; code?: string; message?: string; syscall?: string };
  // A failing disk (ENOSPC, EACCES) is ours to report as a server error.
  if (e?.syscall) return err;
  if (e?.statusCode === 413 || e?.code === 'FST_REQ_FILE_TOO_LARGE') return new PayloadTooLargeError('The request or one of its files is too large.');
  return new DomainError(`The multipart body is malformed${e?.message ? `: ${e.message}` : ''}.`, 400, 'bad-request');
}
