import { isMimeAllowed } from '../../../domain/attachments/attachment-policy.ts';
import { cleanFilename } from '../../../domain/attachments/attachment-policy.ts';
import { effectiveMimeType } from '../../../domain/attachments/mime-types.ts';
import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { excerpt, note } from '../trace.ts';

/**
 * Saves the mail's attachments that the tenant accepts (allowed_mime_types,
 * max_file_size — seed 002); each refused one is named in the thread with the reason,
 * never dropped silently. Inline images keep their Content-ID for the HTML body.
 * The parts of bounces and automatic replies are not kept. A dry run writes no file.
 */
export async function saveAttachments(s: PipelineState): Promise<StepResult> {
  // Machine mail kept as a note (bounces, auto-replies) carries report parts, not files.
  if (s.asNote) {
    if (s.mail.attachments.length) note(s.trace, 'attachments', 'machine-mail-parts-dropped', `${s.mail.attachments.length} part(s) of machine mail not kept (${partTypes(s)})`);
    return next();
  }
  for (const a of s.mail.attachments) {
    const filename = cleanFilename(a.filename ?? (a.contentType === 'message/rfc822' ? 'message.eml' : null));
    const contentType = effectiveMimeType(filename, a.contentType);
    if (!isMimeAllowed(s.settings, contentType)) {
      s.refusedAttachments.push({ filename, reason: `type ${contentType} is not accepted` });
      note(s.trace, 'attachments', 'refused-type', `${excerpt(filename)} not saved: type ${contentType} is not accepted`);
      continue;
    }
    if (a.size > s.settings.max_file_size) {
      s.refusedAttachments.push({ filename, reason: `${a.size} bytes is over the ${s.settings.max_file_size} byte limit` });
      note(s.trace, 'attachments', 'refused-size', `${excerpt(filename)} not saved: ${a.size} bytes is over the ${s.settings.max_file_size} byte limit`);
      continue;
    }
    note(s.trace, 'attachments', 'saved', `${excerpt(filename)} (${contentType}, ${a.size} bytes${a.inline ? ', inline' : ''})`);
    if (s.dryRun) continue;
    const blob = await s.ctx.attachments.putBuffer(s.ctx.tenantId, a.content);
    s.attachments.push({ ...blob, filename, contentType, inline: a.inline, contentId: a.contentId });
  }
  return next();
}

const partTypes = (s: PipelineState): string => [...new Set(s.mail.attachments.map((a) => a.contentType))].slice(0, 4).join(', ');
