/** The tenant's health report (GET /tickets/api/system-health/), shared with the web app's page. */
import { z } from 'zod';

const age = z.number().int().nullable();

export const systemHealthSchema = z.object({
  jobs: z.object({ due: z.number().int(), oldest_due_at: z.string().nullable(), oldest_due_age_seconds: age, failed: z.number().int() }),
  outbound_mail: z.object({ undelivered: z.number().int(), oldest_undelivered_at: z.string().nullable(), oldest_undelivered_age_seconds: age }),
  mailboxes: z.object({ needs_reauth: z.number().int() }),
}).meta({ id: 'SystemHealth' });

export type SystemHealth = z.infer<typeof systemHealthSchema>;
