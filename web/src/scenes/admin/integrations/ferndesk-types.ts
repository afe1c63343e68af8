/** The Ferndesk integration's API shapes, from the server's schemas (type-only). */
import type { z } from 'zod';
import type { ferndeskEnabledSchema, ferndeskStateSchema, ferndeskTestReportSchema } from '../../../../../src/http/schemas/ferndesk.schema.ts';

export type FerndeskState = z.output<typeof ferndeskStateSchema>;
export type FerndeskEnabled = z.output<typeof ferndeskEnabledSchema>;
export type FerndeskTestReport = z.output<typeof ferndeskTestReportSchema>;

export const ferndeskKey = ['integrations', 'ferndesk'] as const;
