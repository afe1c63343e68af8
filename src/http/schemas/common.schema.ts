import { z } from 'zod';

export const problemSchema = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string().optional(),
  instance: z.string().optional(), request_id: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
}).meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** The error answers every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  401: problemSchema, 403: problemSchema, 404: problemSchema, 422: problemSchema, 429: problemSchema,
};

export const uuidParam = z.object({ id: z.string().uuid('must be a UUID') });
export const intIdParam = z.object({ id: z.coerce.number().int().positive() });

export const userSummarySchema = z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }).meta({ id: 'UserSummary' });

export const listQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

/** Comma-separated values in a query parameter: ?status=open,pending. */
export const csv = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values)));

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ results: z.array(item), next_cursor: z.string().nullable() });
