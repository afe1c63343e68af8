/**
 * Attachment download: by an unguessable id, only to someone who may read the ticket,
 * always as a download in a sandbox. Raster images alone may show inline, and only
 * when their bytes are the image type they were stored as.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openAttachment } from '../../domain/attachments/open-attachment.ts';
import { errorResponses, uuidParam } from '../schemas/common.schema.ts';

export function attachmentsRoutes() {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/tickets/api/attachments/:id/', {
      schema: {
        tags: ['attachments'], summary: 'Download an attachment', params: uuidParam,
        querystring: z.object({ inline: z.enum(['1', 'true']).optional() }),
        response: { 200: z.any().describe('the file'), ...errorResponses },
      },
    }, async (request, reply) => {
      const { row, stream, allowed, inlineType } = await openAttachment(request.ctx(), request.params.id);
      const inline = request.query.inline !== undefined && inlineType !== null;
      const type = inline ? inlineType : 'application/octet-stream';
      return reply
        .header('Content-Type', type)
        .header('Content-Length', row.size)
        .header('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${asciiName(row.filename)}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('Cache-Control', 'private, max-age=0')
        .header('X-Parley-Type-Allowed', allowed ? 'true' : 'false')
        .send(stream);
    });
  };
}

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|["\\]/g, '_');
