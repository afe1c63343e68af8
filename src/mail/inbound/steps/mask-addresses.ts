import { next, type PipelineState, type StepResult } from '../pipeline-state.ts';
import { note } from '../trace.ts';

export const MASK = 'xxxx@xxxx.xxx';
const ADDRESS = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Replaces every address in a text with xxxx@xxxx.xxx (seed 001). */
export const maskAddresses = (text: string): string => text.replace(ADDRESS, MASK);

/** When the tenant enables masking, no address survives in what the thread shows. */
export async function maskBodyAddresses(s: PipelineState): Promise<StepResult> {
  if (!s.settings.mask_email_addresses) return next();
  s.body = maskAddresses(s.body);
  if (s.bodyHtml) s.bodyHtml = maskAddresses(s.bodyHtml);
  if (s.quoted) s.quoted = maskAddresses(s.quoted);
  note(s.trace, 'mask-addresses', 'masked', 'the tenant masks addresses: every address in the text shows as xxxx@xxxx.xxx');
  return next();
}
