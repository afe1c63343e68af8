/** The shapes of the views and bulk routes, from the server's own schemas (type-only: nothing of the server is bundled). */
import type { z } from 'zod';
import type { savedViewSchema, viewCountsSchema } from '../../../../src/http/schemas/saved-views.schema.ts';
import type { bulkUpdateResultSchema, bulkUpdateTicketsBody } from '../../../../src/http/schemas/tickets-bulk.schema.ts';

export type SavedView = z.output<typeof savedViewSchema>;
export type ViewCounts = z.output<typeof viewCountsSchema>;
export type BuiltInView = ViewCounts['built_in'][number];
export type BulkBody = z.input<typeof bulkUpdateTicketsBody>;
export type BulkChanges = BulkBody['changes'];
export type BulkResult = z.output<typeof bulkUpdateResultSchema>;
/** A count as the API gives it: at most `cap`, and whether more match. */
export interface Count { count: number | null; more: boolean }
