/**
 * The helpdesk's attachment limits (GET portal/), checked in the browser before upload so a
 * file the server would refuse (413, 415) is never sent. The type is judged as the server
 * judges it (effectiveMimeType, isMimeAllowed are the server's own pure functions); the
 * server still checks, and also sniffs the content.
 */
import { isMimeAllowed } from '../../../../src/domain/attachments/attachment-policy.ts';
import { effectiveMimeType } from '../../../../src/domain/attachments/mime-types.ts';
import type { Portal } from '../../hooks/use-portal.ts';

export type FileLimits = Pick<Portal, 'max_file_size' | 'allowed_mime_types'>;
export type RefusedFile = { name: string; reason: 'size'; size: number } | { name: string; reason: 'type'; type: string };

/** Splits picked files into those the helpdesk takes and those it would refuse, with why. */
export function checkFiles(files: readonly File[], limits: FileLimits): { accepted: File[]; refused: RefusedFile[] } {
  const accepted: File[] = [];
  const refused: RefusedFile[] = [];
  for (const file of files) {
    const type = effectiveMimeType(file.name, file.type);
    if (!isMimeAllowed(limits, type)) refused.push({ name: file.name, reason: 'type', type });
    else if (file.size > limits.max_file_size) refused.push({ name: file.name, reason: 'size', size: file.size });
    else accepted.push(file);
  }
  return { accepted, refused };
}
