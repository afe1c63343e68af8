/**
 * Reads a multipart request: text fields into an object, every file part into the
 * attachment store after the tenant's MIME whitelist (415) and size limit (413).
 * Nothing reaches the database here; the command that follows records the files.
 */
import type { FastifyRequest } from 'fastify';
import { assertMimeAllowed, cleanFilename } from '../domain/attachments/attachment-policy.ts';
import { effectiveMimeType } from '../domain/attachments/mime-types.ts';
import type { NewAttachment } from '../domain/tickets/append-message.ts';
import type { TenantSettings } from '../domain/settings/registry.ts';
import type { Runtime } from '../runtime.ts';

export interface MultipartBody { fields: Record<string, string | string[]>; files: NewAttachment[] }

export async function readMultipart(rt: Runtime, request: FastifyRequest, settings: TenantSettings, fileField = 'attachments'): Promise<MultipartBody> {
  const fields: Record<string, string | string[]> = {};
  const files: NewAttachment[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      const value = String(part.value);
      const prev = fields[part.fieldname];
      fields[part.fieldname] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
      continue;
    }
    if (part.fieldname !== fileField && part.fieldname !== `${fileField}[]`) {
      part.file.resume();
      continue;
    }
    const filename = cleanFilename(part.filename);
    const contentType = effectiveMimeType(filename, part.mimetype);
    try {
      assertMimeAllowed(settings, filename, contentType);
    } catch (err) {
      part.file.resume();
      throw err;
    }
    const blob = await rt.attachments.put(request.tenantId, part.file, settings.max_file_size);
    files.push({ ...blob, filename, contentType });
  }
  return { fields, files };
}
