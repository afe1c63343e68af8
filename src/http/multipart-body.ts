/**
 * Lets the JSON routes that take attachments also take multipart/form-data (the seed's
 * `curl -F body=… -F attachments=@file`): the files are checked and staged, the text
 * fields become the JSON body, which the route's schema then validates as usual. The
 * route records the files with withStoredUploads(ctx, request.uploadedFiles, …).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StagedUpload } from '../domain/attachments/store-uploads.ts';
import { getSettings } from '../domain/settings/get-settings.ts';
import type { Runtime } from '../runtime.ts';
import { readMultipart } from './upload.ts';

declare module 'fastify' {
  interface FastifyRequest { uploadedFiles: StagedUpload[] }
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const list = (v: string | string[] | undefined) =>
  v === undefined ? undefined : (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean);
const num = (v: string | undefined) => (v !== undefined && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);

export function multipartToBody(rt: Runtime, shape: 'ticket' | 'message') {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.uploadedFiles = [];
    if (!request.isMultipart()) return;
    const settings = await getSettings(rt.db, request.tenantId);
    const { fields: f, files } = await readMultipart(rt, request, reply, settings);
    request.uploadedFiles = files;
    const message = {
      body: first(f.body) ?? '',
      message_type: first(f.message_type) ?? 'reply',
      ...(f.body_html !== undefined && { body_html: first(f.body_html) }),
      ...(f.time_spent !== undefined && { time_spent: num(first(f.time_spent)) }),
    };
    if (shape === 'message') {
      request.body = {
        ...message, ...(f.status !== undefined && { status: first(f.status) }), ...(f.send_at !== undefined && { send_at: first(f.send_at) }),
      };
      return;
    }
    request.body = {
      subject: first(f.subject),
      ...(f.department !== undefined && { department: num(first(f.department)) }),
      ...(f.priority !== undefined && { priority: first(f.priority) }),
      ...(f.category !== undefined && { category: first(f.category) }),
      ...(f.requester !== undefined && { requester: first(f.requester) }),
      ...(f.tags !== undefined && { tags: list(f.tags) }),
      ...(f.recipients !== undefined && { recipients: list(f.recipients) }),
      messages: [message],
    };
  };
}
